"""Long exports as background jobs: asked for in a request, built by a Huey consumer with
its progress saved, kept in the private storage that every host shares, downloaded from
any host, deleted when they expire (docs/deploy.md, "Files and downloads")."""
