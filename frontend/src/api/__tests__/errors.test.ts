import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage } from '../errors';

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
