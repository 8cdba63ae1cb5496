import type { FormInstance } from 'antd';

/** An RFC 9457 problem returned by the API; its texts are Vietnamese and shown as they are. */
export interface ProblemFieldError {
  loc: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly errors: ProblemFieldError[];

  constructor(status: number, problem: { title?: string; detail?: string | null; errors?: ProblemFieldError[] | null } | string) {
    if (typeof problem === 'string') problem = { detail: problem };
    const detail = problem.detail || problem.title || fallbackMessage(status);
    super(detail);
    this.status = status;
    this.detail = detail;
    this.errors = problem.errors ?? [];
  }
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.';
  if (status === 403) return 'Bạn không có quyền thực hiện thao tác này.';
  if (status === 404) return 'Không tìm thấy dữ liệu.';
  if (status >= 500) return 'Máy chủ gặp lỗi, vui lòng thử lại sau.';
  return `Yêu cầu không thành công (mã ${status}).`;
}

/** Turns whatever a failed request produced into a message a user can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.errors.map((e) => e.message).filter((m) => m && m !== error.detail);
    return fields.length ? `${error.detail} ${[...new Set(fields)].join('; ')}` : error.detail;
  }
  if (error instanceof TypeError) return 'Không kết nối được máy chủ.';
  return error instanceof Error ? error.message : 'Đã xảy ra lỗi.';
}

/**
 * The problem's validation errors as antd form fields (`form.setFields`): the error at
 * ["body", "hotlines", 0, "number"] goes on the field ["hotlines", 0, "number"], each field with all of its
 * messages. Errors outside the body (path, query, header) name no field and are left to `errorMessage`.
 */
export function problemFields(error: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { loc, message } of error.errors) {
    if (loc[0] !== 'body' || loc.length < 2) continue;
    const name = loc.slice(1);
    const key = JSON.stringify(name);
    const field = byField.get(key) ?? { name, errors: [] };
    if (!field.errors.includes(message)) field.errors.push(message);
    byField.set(key, field);
  }
  return [...byField.values()];
}

/** Puts the problem's validation errors on the form's fields (see `problemFields`). */
export function showProblemOnFields<Values>(form: FormInstance<Values>, error: unknown) {
  // antd types a form's field paths from its values; a path read from the server's JSON is checked at run time.
  form.setFields(problemFields(error) as Parameters<FormInstance<Values>['setFields']>[0]);
}
