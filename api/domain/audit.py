"""The actions and the kinds of record the audit log holds, named in the words of the people who read it.

The log stores codes (``unit.contact``, ``safety_model``); the page, the search
(``api/db/repositories/audit.py``) and the export use these names, so "cap nhat thu dien tu" finds what the
page shows as "Cập nhật thư điện tử đơn vị" and "mo hinh" the entries about a "Mô hình tự quản". An action
or a kind not listed here is shown, searched and exported by its code.
"""

from __future__ import annotations

ACTION_NAMES: dict[str, str] = {
    "values.save": "Lưu số liệu",
    "submission.submit": "Nộp báo cáo",
    "submission.approve": "Duyệt báo cáo",
    "submission.return": "Trả lại báo cáo",
    "submission.reopen": "Mở lại báo cáo",
    "evidence.attach": "Đính kèm minh chứng",
    "evidence.remove": "Gỡ minh chứng",
    "activity.record": "Ghi nhận hoạt động",
    "activity.delete": "Xóa hoạt động",
    "baseline.enter": "Nhập số liệu năm gốc",
    "baseline.approve": "Duyệt số liệu năm gốc",
    "baseline.reject": "Không duyệt số liệu năm gốc",
    "award.propose": "Đề nghị khen thưởng",
    "award.return": "Trả lại hồ sơ khen thưởng",
    "award.forward": "Chuyển trình khen thưởng",
    "award.resubmit": "Đề nghị lại khen thưởng",
    "award.approve": "Quyết định khen thưởng",
    "award.refuse": "Quyết định không khen thưởng",
    "nomination.create": "Đơn vị gửi đề nghị khen thưởng",
    "nomination.resubmit": "Đơn vị gửi lại đề nghị khen thưởng",
    "nomination.accept": "Tiếp nhận đề nghị khen thưởng",
    "nomination.return": "Trả lại đề nghị khen thưởng",
    "nomination.attach": "Đính kèm hồ sơ đề nghị khen thưởng",
    "nomination.detach": "Gỡ tệp hồ sơ đề nghị khen thưởng",
    "narrative.save": "Lưu báo cáo thuyết minh",
    "narrative.attach": "Đính kèm tệp báo cáo thuyết minh",
    "narrative.detach": "Gỡ tệp báo cáo thuyết minh",
    "period.create": "Tạo kỳ báo cáo",
    "period.update": "Sửa kỳ báo cáo",
    "period.lock": "Khóa kỳ báo cáo",
    "period.unlock": "Mở khóa kỳ báo cáo",
    "scheme_draft.create": "Tạo bản dự thảo bộ chỉ tiêu",
    "scheme_draft.update": "Sửa bản dự thảo bộ chỉ tiêu",
    "scheme.activate": "Áp dụng bộ chỉ tiêu",
    "settings.update": "Sửa cài đặt",
    "token.create": "Tạo mã truy cập",
    "token.revoke": "Thu hồi mã truy cập",
    "unit.create": "Tạo đơn vị",
    "unit.update": "Sửa đơn vị",
    "unit.overseer": "Giao đơn vị quản lý, kiểm tra",
    "unit.contact": "Cập nhật thư điện tử đơn vị",
    "user.create": "Tạo tài khoản",
    "user.update": "Sửa tài khoản",
    "user.activation_issue": "Cấp mã kích hoạt tài khoản",
    "user.activate": "Kích hoạt tài khoản",
    "user.activation_refused": "Kích hoạt tài khoản sai mã",
    "webhook.create": "Tạo webhook",
    "webhook.deactivate": "Tắt webhook",
    "webhook.redeliver": "Gửi lại webhook",
    "inspection.plan": "Lập kế hoạch kiểm tra",
    "inspection.record": "Ghi nhận kết quả kiểm tra",
    "inspection.finding": "Ghi kết luận kiểm tra",
    "inspection.finding.confirm": "Xác nhận kết luận kiểm tra",
    "inspection.finding.reject": "Không xác nhận kết luận kiểm tra",
    "corrective_action.create": "Giao biện pháp chấn chỉnh",
    "corrective_action.update": "Cập nhật biện pháp chấn chỉnh",
    "bonus.create": "Cộng điểm thưởng",
    "bonus.delete": "Xóa điểm thưởng",
    "budget.create": "Thêm mục dự toán",
    "budget.appraise": "Thẩm định mục dự toán",
    "budget.return": "Trả lại mục dự toán",
    "budget.resubmit": "Trình lại mục dự toán",
    "model.create": "Đăng ký mô hình",
    "model.update": "Sửa mô hình",
    "exemplar.create": "Đề xuất điển hình tiên tiến",
    "reminder.send": "Gửi nhắc nhở",
    "notification.read": "Đọc thông báo",
    "session.open": "Đăng nhập",
    "session.close": "Đăng xuất",
    "session.refused": "Đăng nhập sai",
}


def action_name(action: str) -> str:
    """The Vietnamese name of an action code, or the code itself when it has none."""
    return ACTION_NAMES.get(action, action)


ENTITY_NAMES: dict[str, str] = {
    "submission": "Báo cáo",
    "baseline": "Số liệu năm gốc",
    "award_proposal": "Đề nghị khen thưởng",
    "nomination": "Đề nghị khen thưởng của đơn vị",
    "narrative": "Báo cáo thuyết minh",
    "period": "Kỳ báo cáo",
    "scheme": "Bộ chỉ tiêu",
    "unit": "Đơn vị",
    "user": "Tài khoản",
    "token": "Mã truy cập API",
    "webhook": "Webhook",
    "setting": "Cài đặt",
    "inspection": "Kiểm tra chuyên đề",
    "inspection_finding": "Kết luận kiểm tra",
    "corrective_action": "Biện pháp chấn chỉnh",
    "bonus": "Điểm thưởng",
    "budget_item": "Dự toán kinh phí",
    "safety_model": "Mô hình tự quản",
    "exemplar": "Điển hình tiên tiến",
    "notification": "Thông báo",
}


def entity_name(entity: str) -> str:
    """The Vietnamese name of a kind of record, or its code when it has none."""
    return ENTITY_NAMES.get(entity, entity)
