import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from 'antd';

/**
 * While `dirty`, leaving the page asks first: a link or the back button opens a dialog ("Ở lại" /
 * "Rời trang, bỏ thay đổi"), closing or reloading the tab gets the browser's own question. `keptLocally`:
 * the page keeps a draft in this browser (the report form), and the dialog says so.
 */
export function useLeaveGuard(dirty: boolean, { keptLocally = false }: { keptLocally?: boolean } = {}) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return (
    <Modal
      open={blocker.state === 'blocked'}
      title="Rời trang khi chưa lưu?"
      okText="Rời trang, bỏ thay đổi"
      okButtonProps={{ danger: true }}
      cancelText="Ở lại"
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      Các thay đổi vừa nhập chưa được lưu. Rời trang bây giờ sẽ mất các thay đổi này
      {keptLocally ? ' (bản nháp trên máy này vẫn được giữ để khôi phục khi quay lại).' : '.'}
    </Modal>
  );
}
