import { useCallback, useEffect, useState } from 'react';

/**
 * Holds a revealed secret for a limited time, counting down the seconds until it is
 * dropped from the page again.
 */
export function useTimedSecret<T>(seconds: number) {
  const [secret, setSecret] = useState<T>();
  const [remaining, setRemaining] = useState(0);

  useEffect(() => {
    if (secret === undefined) {
      return undefined;
    }
    const timer = setInterval(() => setRemaining(left => left - 1), 1000);
    return () => clearInterval(timer);
  }, [secret]);

  useEffect(() => {
    if (secret !== undefined && remaining <= 0) {
      setSecret(undefined);
    }
  }, [secret, remaining]);

  const show = useCallback(
    (value: T) => {
      setSecret(value);
      setRemaining(seconds);
    },
    [seconds],
  );
  const hide = useCallback(() => {
    setSecret(undefined);
    setRemaining(0);
  }, []);

  return { secret, remaining, show, hide };
}
