/* Shrinking photos in the browser before upload: a phone photo of 4-12 MB becomes a JPEG
 * of at most `maxSide` pixels (a few hundred KB), which is quicker on a mobile network and
 * drops the camera's metadata (location) before it leaves the phone. The server still
 * re-encodes every photo: this only saves the resident's data and time. */
(function () {
  'use strict';

  function loadImage(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () { resolve(image); URL.revokeObjectURL(url); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error('decode')); };
      image.src = url;
    });
  }

  function decode(file) {
    if (window.createImageBitmap) {
      // Upright as the camera meant it (EXIF orientation), where the browser can say so.
      return createImageBitmap(file, { imageOrientation: 'from-image' })
        .catch(function () { return loadImage(file); });
    }
    return loadImage(file);
  }

  /* A Promise of a JPEG Blob no larger than maxSide on its longer side. */
  function shrinkPhoto(file, maxSide, quality) {
    return decode(file).then(function (source) {
      var width = source.naturalWidth || source.width;
      var height = source.naturalHeight || source.height;
      var scale = Math.min(1, maxSide / Math.max(width, height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';  // transparent PNG areas become white, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      if (source.close) { source.close(); }
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) {
          if (blob) { resolve(blob); } else { reject(new Error('encode')); }
        }, 'image/jpeg', quality || 0.85);
      });
    });
  }

  window.smartdistrictShrinkPhoto = shrinkPhoto;
})();
