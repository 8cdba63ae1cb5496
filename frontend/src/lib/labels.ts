/**
 * The Vietnamese labels of the API's enums, keyed by the values of the generated client
 * (src/api/schema.d.ts), so a value the server adds fails the type check until it is labelled here.
 * Where the server has a label of its own (api/domain), the text is the same
 * (tests/test_spa_labels.py); enums whose label the API sends with each value (`status_label`,
 * `rank_status_label`, ...) are not repeated here (`src/lib/__tests__/labels.test.ts` lists them).
 */
import type { Schemas } from '@/api/client';

export type SubmissionStatus = Schemas['SubmissionStatus'];
export type TierCode = Schemas['TierCode'];
export type Pillar = Schemas['Pillar'];
export type Measure = Schemas['Measure'];
export type Role = Schemas['Role'];
export type UnitKind = Schemas['UnitKind'];
export type PeriodKind = Schemas['PeriodKind'];
export type Recipient = Schemas['Recipient'];
export type ReminderKind = Schemas['ReminderKind'];
export type ModelStatus = Schemas['ModelStatus'];
export type TokenScope = Schemas['TokenScope'];
export type Subject = Schemas['Subject'];
export type Channel = Schemas['Channel'];
export type BaselineStatus = Schemas['BaselineStatus'];
export type DeliveryStatus = Schemas['DeliveryStatus'];
export type FindingStatus = Schemas['FindingStatus'];
export type WebhookEvent = Schemas['WebhookEvent'];
export type RuleKind = Schemas['RuleKind'];
export type Cadence = Schemas['Cadence'];
export type TimelinessStatus = Schemas['TimelinessStatus'];

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: 'Nháp',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

/** NĐ 335/2025's tiers, in ascending order. */
export const TIER_LABELS: Record<TierCode, string> = {
  KHONG_HOAN_THANH: 'Không hoàn thành nhiệm vụ',
  HOAN_THANH: 'Hoàn thành nhiệm vụ',
  TOT: 'Hoàn thành tốt nhiệm vụ',
  XUAT_SAC: 'Hoàn thành xuất sắc nhiệm vụ',
};

export const TIER_SHORT_LABELS: Record<TierCode, string> = {
  KHONG_HOAN_THANH: 'Không hoàn thành',
  HOAN_THANH: 'Hoàn thành',
  TOT: 'Tốt',
  XUAT_SAC: 'Xuất sắc',
};

/** The three pillars of the movement, in the plan's order. */
export const PILLAR_LABELS: Record<Pillar, string> = {
  KL: 'Kỷ luật nhất',
  TT: 'Trung thành nhất',
  GD: 'Gần dân nhất',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  reviewer: 'Cơ quan Thường trực',
  reporter: 'Cán bộ báo cáo',
  leader: 'Lãnh đạo',
  home_affairs: 'Sở Nội vụ',
  finance: 'Sở Tài chính',
  province_office: 'Văn phòng UBND tỉnh',
  api_client: 'Tài khoản hệ thống (API)',
  inspector: 'Cán bộ kiểm tra (sở, ban, ngành, UBND xã)',
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: 'UBND tỉnh',
  police_province: 'Công an tỉnh',
  police_department: 'Phòng thuộc Công an tỉnh',
  commune_police: 'Công an xã, phường',
  department: 'Sở, ban, ngành',
  commune: 'UBND xã, phường',
};

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  half_year: '6 tháng',
  year: 'Năm',
  preliminary_review: 'Sơ kết',
  final_review: 'Tổng kết',
};

export const RECIPIENT_LABELS: Record<Recipient, string> = { collective: 'Tập thể', individual: 'Cá nhân' };

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  not_submitted: 'Chưa nộp',
  returned: 'Bị trả lại, chưa nộp lại',
};

export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = {
  building: 'Đang xây dựng',
  active: 'Đang hoạt động',
  suspended: 'Tạm dừng',
};

/** The plan's subjects of propaganda (II.3, III.2), as the server labels them (api/domain/activities.py). */
export const SUBJECT_LABELS: Record<Subject, string> = {
  public_order: 'An ninh, trật tự',
  fire_safety: 'Phòng cháy, chữa cháy',
  traffic: 'Giao thông',
  cyber_safety: 'An toàn mạng',
  land: 'Đất đai',
  environment: 'Môi trường',
  children: 'Trẻ em',
  crime_prevention: 'Phòng chống tội phạm',
  administrative_reform: 'Cải cách hành chính',
  anti_corruption: 'Phòng chống tham nhũng, tiêu cực',
  other: 'Khác',
};

/** The plan's channels of propaganda (II.3). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  television: 'Truyền hình',
  loudspeaker: 'Loa truyền thanh',
  leaflet: 'Tờ rơi',
  social_media: 'Mạng xã hội',
  other: 'Khác',
};

/** Whether a unit reported on time (the reporting-status board and its export). */
export const TIMELINESS_LABELS: Record<TimelinessStatus, string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa nộp (quá hạn)',
  not_yet_due: 'Chưa nộp (chưa đến hạn)',
};

export const BASELINE_STATUS_LABELS: Record<BaselineStatus, string> = {
  proposed: 'Chờ duyệt',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
};

/** An inspection finding: proposed by Sở Nội vụ, a department or a commune's committee until the standing body decides. */
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  proposed: 'Chờ xác nhận',
  confirmed: 'Đã xác nhận',
  rejected: 'Không xác nhận',
};

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Đang chờ gửi',
  delivered: 'Đã gửi',
  failed: 'Thất bại',
  cancelled: 'Đã hủy',
};

/** The webhook events (docs/api.md), in the order the subscription form offers them. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'scores.changed': 'Điểm, xếp hạng thay đổi',
  'submission.status_changed': 'Trạng thái báo cáo thay đổi',
  'period.locked': 'Khóa kỳ (công bố kết quả)',
};

/** The kinds of an indicator's rule, as the scheme editor offers them (docs/scoring.md, 2). */
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  at_least: 'Tối thiểu t% (tỷ lệ)',
  above: 'Trên t% (tỷ lệ)',
  zero: 'Không để xảy ra (số lần = 0)',
  zero_or_lower: 'Không để xảy ra hoặc giảm so với năm trước (tỷ lệ)',
  frequency: 'Tối thiểu N lần mỗi tuần, tháng, quý, năm',
  flag_yes: 'Có thực hiện (có/không)',
  date_by: 'Hoàn thành trước hạn (ngày)',
};

/** The windows of a frequency rule. */
export const CADENCE_LABELS: Record<Cadence, string> = { week: 'tuần', month: 'tháng', quarter: 'quý', year: 'năm' };

/** Shown for a unit that has no report at all in a period (not a status: there is no report). */
export const NO_REPORT_LABEL = 'Chưa nộp';

/** The pillars in the plan's order, with their labels. */
export const PILLARS = (Object.keys(PILLAR_LABELS) as Pillar[]).map((code) => ({ code, label: PILLAR_LABELS[code] }));

/** Select options in the order of a label map. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
