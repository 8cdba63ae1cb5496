"""The kinds and statuses of the self-managed models of the movement (mô hình tự quản), named in Vietnamese:
what the API validates, shows, sorts by (``api/db/repositories/models_registry.py``) and exports."""

MODEL_KINDS = {
    "to-lien-gia-pccc": "Tổ liên gia an toàn PCCC",
    "camera-an-ninh": "Camera an ninh",
    "khu-dan-cu-an-toan": "Khu dân cư an toàn về an ninh, trật tự",
    "to-hoa-giai": "Tổ hòa giải cơ sở",
    "phu-nu-tu-quan": "Mô hình Phụ nữ tự quản",
    "thanh-nien-xung-kich": "Mô hình Thanh niên xung kích",
    "to-an-ninh-tu-quan": "Tổ an ninh tự quản",
    "dan-van-kheo": "Dân vận khéo",
    "khac": "Mô hình khác",
}
MODEL_STATUSES = {"building": "Đang xây dựng", "active": "Đang hoạt động", "suspended": "Tạm dừng"}
