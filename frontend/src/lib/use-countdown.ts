import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `deadline` (server clock), refreshed several times a second from
 * `serverNow`, never from this device's clock alone.
 */
export function useCountdown(deadline: number | null, serverNow: () => number): number | null {
  const [left, setLeft] = useState<number | null>(() => (deadline === null ? null : Math.max(0, deadline - serverNow())));
  useEffect(() => {
    if (deadline === null) {
      setLeft(null);
      return;
    }
    const update = () => setLeft(Math.max(0, deadline - serverNow()));
    update();
    const timer = setInterval(update, 250);
    return () => clearInterval(timer);
  }, [deadline, serverNow]);
  return left;
}
