import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, problemFields } from '../errors';

describe('errorMessage', () => {
  it('shows the server detail and the field messages of a problem', () => {
    const error = new ApiError(422, {
      title: 'Dữ liệu không hợp lệ',
      detail: 'Có trường dữ liệu không hợp lệ.',
      errors: [
        { loc: ['body', 'values', 0, 'count'], message: 'Phải là số nguyên.' },
        { loc: ['body', 'values', 1, 'count'], message: 'Phải là số nguyên.' },
      ],
    });
    expect(errorMessage(error)).toBe('Có trường dữ liệu không hợp lệ. Phải là số nguyên.');
  });

  it('falls back to the title, then to a Vietnamese message for the status', () => {
    expect(errorMessage(new ApiError(409, { title: 'Xung đột' }))).toBe('Xung đột');
    expect(errorMessage(new ApiError(403, {}))).toBe('Bạn không có quyền thực hiện thao tác này.');
  });

  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('Không kết nối được máy chủ.');
  });
});

describe('problemFields', () => {
  it("puts each body error on its form field, a field's messages together", () => {
    const error = new ApiError(422, {
      detail: 'Có trường dữ liệu không hợp lệ.',
      errors: [
        { loc: ['body', 'base_salary'], message: 'Phải lớn hơn 0.' },
        { loc: ['body', 'hotlines', 1, 'number'], message: 'Không được để trống.' },
        { loc: ['body', 'hotlines', 1, 'number'], message: 'Tối đa 32 ký tự.' },
        { loc: ['query', 'period'], message: 'Thiếu kỳ.' },
      ],
    });
    expect(problemFields(error)).toEqual([
      { name: ['base_salary'], errors: ['Phải lớn hơn 0.'] },
      { name: ['hotlines', 1, 'number'], errors: ['Không được để trống.', 'Tối đa 32 ký tự.'] },
    ]);
    expect(problemFields(new TypeError('Failed to fetch'))).toEqual([]);
  });
});
