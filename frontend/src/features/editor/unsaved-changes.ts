import { useEffect } from 'react';
import { t } from '../../messages/catalogue';

let unsaved = false;

/**
 * Warns before work is lost: the browser's own prompt on reload or close, and `confirmLeave`
 * for the app's links (the declarative router has no navigation blocker).
 */
export function useUnsavedChangesWarning(dirty: boolean): void {
  useEffect(() => {
    unsaved = dirty;
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      unsaved = false;
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);
}

/** True when leaving is fine: nothing unsaved, or the host said to discard it. */
export function confirmLeave(): boolean {
  return !unsaved || window.confirm(t('editor.unsaved.confirm'));
}
