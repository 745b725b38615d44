"""Vietnamese of the operations messages: backup and restore."""

VI = {
    "The %(format)s format cannot back up a %(vendor)s database; use one of: %(usable)s.": "Định dạng %(format)s không sao lưu được cơ sở dữ liệu %(vendor)s; hãy dùng một trong: %(usable)s.",
    "%(program)s failed: %(error)s": "%(program)s bị lỗi: %(error)s",
    "A SQLite backup restores into a SQLite database only.": "Bản sao lưu SQLite chỉ khôi phục được vào cơ sở dữ liệu SQLite.",
    "A pg_dump backup restores into a PostgreSQL database only.": "Bản sao lưu pg_dump chỉ khôi phục được vào cơ sở dữ liệu PostgreSQL.",
    "This configuration has no storage for: %(areas)s.": "Cấu hình này không có nơi lưu trữ cho: %(areas)s.",
    "%(count)d files exist already in the storages (first: %(first)s); restore needs empty storages.": "Đã có sẵn %(count)d tệp trong nơi lưu trữ (tệp đầu tiên: %(first)s); khôi phục cần nơi lưu trữ trống.",
    "The storage renamed %(name)s to %(saved)s.": "Nơi lưu trữ đã đổi tên %(name)s thành %(saved)s.",
    "%(folder)s is not empty; back up into a new folder.": "%(folder)s không trống; hãy sao lưu vào một thư mục mới.",
    "%(path)s is missing or unreadable: not a finished backup.": "Không có hoặc không đọc được %(path)s: đây không phải là một bản sao lưu hoàn chỉnh.",
    "This backup's manifest version is not supported.": "Phiên bản bản kê (manifest) của bản sao lưu này không được hỗ trợ.",
    "The database file of the backup is missing or damaged.": "Tệp cơ sở dữ liệu của bản sao lưu bị thiếu hoặc hỏng.",
    "%(count)d files of the backup are missing or damaged (first: %(first)s).": "%(count)d tệp của bản sao lưu bị thiếu hoặc hỏng (tệp đầu tiên: %(first)s).",
    "The target database is not empty (%(count)d tables, e.g. %(first)s); restore needs a new, empty database.": "Cơ sở dữ liệu đích không trống (%(count)d bảng, ví dụ %(first)s); khôi phục cần một cơ sở dữ liệu mới, trống.",
    "This backup was made by a release with other migrations; a dumpdata backup restores only with the release that made it.": "Bản sao lưu này được tạo bởi một phiên bản có các migration khác; bản sao lưu dumpdata chỉ khôi phục được bằng đúng phiên bản đã tạo ra nó.",
    "Backed up %(tables)d tables (%(rows)d rows, %(format)s) and %(files)d files into %(folder)s.": "Đã sao lưu %(tables)d bảng (%(rows)d dòng, %(format)s) và %(files)d tệp vào %(folder)s.",
    "Checksum of the files: %(sha)s": "Mã kiểm tra (checksum) của các tệp: %(sha)s",
    "Recreated by migrate, count differs: %(note)s": "Được migrate tạo lại, số dòng khác: %(note)s",
    "Differs from the backup: %(what)s": "Khác với bản sao lưu: %(what)s",
    "Restored, but %(count)d differences from the backup (listed above).": "Đã khôi phục, nhưng có %(count)d điểm khác với bản sao lưu (liệt kê ở trên).",
    "Restored %(tables)d tables (%(rows)d rows) and %(files)d files; row counts and file checksums match the backup.": "Đã khôi phục %(tables)d bảng (%(rows)d dòng) và %(files)d tệp; số dòng và mã kiểm tra của các tệp khớp với bản sao lưu.",
}
