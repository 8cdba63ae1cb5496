"""The demo province: the real structure of Hưng Yên after the 2025 merger (names as data)."""

DEPARTMENTS = (
    "Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn Hưng Yên",
    "Báo và Phát thanh, Truyền hình Hưng Yên",
)

POLICE_DEPARTMENTS = (
    "Phòng Tham mưu", "Phòng Tổ chức cán bộ", "Phòng Công tác đảng và công tác chính trị", "Phòng Hậu cần",
    "Phòng Tài chính", "Phòng Thanh tra", "Phòng Pháp chế", "Phòng An ninh chính trị nội bộ",
    "Phòng An ninh kinh tế", "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Phòng An ninh đối ngoại", "Phòng Quản lý xuất nhập cảnh", "Phòng Cảnh sát hình sự",
    "Phòng Cảnh sát kinh tế", "Phòng Cảnh sát điều tra tội phạm về ma túy", "Phòng Cảnh sát môi trường",
    "Phòng Cảnh sát giao thông", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng Cảnh sát cơ động",
    "Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu", "Phòng Kỹ thuật hình sự",
    "Phòng Hồ sơ", "Phòng Cảnh sát bảo vệ và hỗ trợ tư pháp", "Phòng Cảnh sát thi hành án hình sự",
    "Phòng Viễn thông, tin học và cơ yếu", "Trại tạm giam Công an tỉnh",
)

WARDS = (
    "Phố Hiến", "Sơn Nam", "Hồng Châu", "Mỹ Hào", "Đường Hào", "Thượng Hồng", "Thái Bình", "Trần Lãm",
    "Trần Hưng Đạo", "Trà Lý", "Vũ Phúc",
)

COMMUNES = (
    "Tân Hưng", "Hoàng Hoa Thám", "Tiên Lữ", "Tiên Hoa", "Quang Hưng", "Đoàn Đào", "Tiên Tiến", "Tống Trân",
    "Lương Bằng", "Nghĩa Dân", "Hiệp Cường", "Đức Hợp", "Ân Thi", "Xuân Trúc", "Phạm Ngũ Lão", "Nguyễn Trãi",
    "Hồng Quang", "Khoái Châu", "Triệu Việt Vương", "Việt Tiến", "Chí Minh", "Châu Ninh", "Yên Mỹ", "Việt Yên",
    "Hoàn Long", "Nguyễn Văn Linh", "Như Quỳnh", "Lạc Đạo", "Đại Đồng", "Nghĩa Trụ", "Phụng Công", "Văn Giang",
    "Mễ Sở", "Hưng Hà", "Long Hưng", "Diên Hà", "Thần Khê", "Tiên La", "Lê Quý Đôn", "Hồng Minh", "Thái Thụy",
    "Đông Thụy Anh", "Bắc Thụy Anh", "Thụy Anh", "Nam Thụy Anh", "Bắc Thái Ninh", "Thái Ninh",
    "Đông Thái Ninh", "Nam Thái Ninh", "Tây Thái Ninh", "Tây Thụy Anh", "Tiền Hải", "Đông Tiền Hải",
    "Tây Tiền Hải", "Ái Quốc", "Đồng Châu", "Nam Cường", "Hưng Phú", "Nam Tiền Hải", "Kiến Xương", "Lê Lợi",
    "Quang Lịch", "Vũ Quý", "Bình Thanh", "Bình Định", "Hồng Vũ", "Bình Nguyên", "Trà Giang", "Vũ Thư",
    "Thư Trì", "Tân Thuận", "Thư Vũ", "Vũ Tiên", "Vạn Xuân", "Quỳnh Phụ", "Minh Thọ", "Nguyễn Du",
    "Quỳnh An", "Ngọc Lâm", "Đồng Bằng", "A Sào", "Phụ Dực", "Tân Tiến", "Đông Hưng", "Bắc Tiên Hưng",
    "Đông Tiên Hưng", "Nam Đông Hưng", "Bắc Đông Quan", "Bắc Đông Hưng", "Đông Quan", "Nam Tiên Hưng",
    "Tiên Hưng", "Ngự Thiên",
)

GROUPS = (
    ("CAX", "Cụm thi đua Công an xã, phường"),
    ("PCA", "Khối thi đua các phòng Công an tỉnh"),
    ("SBN", "Khối thi đua các sở, ban, ngành, đoàn thể tỉnh"),
    ("UBX", "Cụm thi đua UBND xã, phường"),
)


def communes() -> list[tuple[str, str]]:
    """(kind word, name) of the 104 communes: 11 phường then 93 xã."""
    return [("phường", name) for name in WARDS] + [("xã", name) for name in COMMUNES]
