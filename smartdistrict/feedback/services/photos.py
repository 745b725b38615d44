"""Storing processed photos. Only re-encoded, EXIF-free bytes ever reach storage."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction

from smartdistrict.feedback.models import Photo, PhotoStage, Report
from smartdistrict.feedback.photos import ProcessedPhoto, check_photo_count


def photos_attach(*, report: Report, photos: Sequence[ProcessedPhoto],
                  stage: str = PhotoStage.BEFORE) -> list[Photo]:
    """Store processed photos of ``report``: the problem ("before", at intake) or the
    officer's proof of the fix ("after"); each stage has its own MAX_PHOTOS."""
    if not photos:
        return []
    with transaction.atomic():
        return _store(report, photos, stage)


def _store(report: Report, photos: Sequence[ProcessedPhoto], stage: str) -> list[Photo]:
    check_photo_count(report.photos.filter(stage=stage).count(), len(photos))
    stored = []
    for number, processed in enumerate(photos, start=1):
        prefix = report.code if stage == PhotoStage.BEFORE else f"{report.code}-{stage}"
        stem = f"{prefix}-{processed.sha256[:12]}-{number}"
        photo = Photo(
            report=report,
            stage=stage,
            content_type=processed.content_type,
            width=processed.width,
            height=processed.height,
            sha256=processed.sha256,
        )
        photo.image.save(f"{stem}.{processed.extension}", ContentFile(processed.data), save=False)
        photo.thumbnail.save(
            f"{stem}-thumb.{processed.thumbnail_content_type.split('/')[-1]}",
            ContentFile(processed.thumbnail),
            save=False,
        )
        photo.save()
        stored.append(photo)
    return stored
