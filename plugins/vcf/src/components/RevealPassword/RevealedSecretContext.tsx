import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';
import {
  type RevealedSecret,
  RevealedSecretStore,
} from './revealedSecretStore';

// Without a provider every reveal control of the app shares this one store.
const RevealedSecretContext = createContext<RevealedSecretStore>(
  new RevealedSecretStore(),
);

/**
 * Scopes "one password visible at a time" to its children (the app-wide store applies without it).
 * @public
 */
export function RevealedSecretProvider(props: { children?: ReactNode }) {
  const [store] = useState(() => new RevealedSecretStore());
  return (
    <RevealedSecretContext.Provider value={store}>
      {props.children}
    </RevealedSecretContext.Provider>
  );
}

/**
 * The shared revealed-secret state for the control `ownerId`: what it shows (undefined unless it owns
 * the secret on screen) and `show`/`hide`. The secret hides when the control unmounts.
 */
export function useRevealedSecret(ownerId: string): {
  revealed: RevealedSecret | undefined;
  show(text: string, seconds: number, clipboardText?: string): Promise<void>;
  hide(): void;
} {
  const store = useContext(RevealedSecretContext);
  const [current, setCurrent] = useState(() => store.snapshot());
  useEffect(() => {
    setCurrent(store.snapshot());
    return store.subscribe(() => setCurrent(store.snapshot()));
  }, [store]);
  useEffect(() => () => store.hide(ownerId), [store, ownerId]);
  return {
    revealed: current?.ownerId === ownerId ? current : undefined,
    show: (text, seconds, clipboardText) =>
      store.show(ownerId, text, seconds, clipboardText),
    hide: () => store.hide(ownerId),
  };
}
