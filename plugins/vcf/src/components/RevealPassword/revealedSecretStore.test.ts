import { RevealedSecretStore } from './revealedSecretStore';

function fakeClipboard(initial = '') {
  let content = initial;
  const clipboard = {
    writeText: jest.fn(async (text: string) => {
      content = text;
    }),
    readText: jest.fn(async () => content),
  };
  Object.defineProperty(navigator, 'clipboard', {
    value: clipboard,
    configurable: true,
  });
  return { clipboard, content: () => content };
}

describe('RevealedSecretStore', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows one secret at a time: a second reveal hides the first', async () => {
    fakeClipboard();
    const store = new RevealedSecretStore();
    await store.show('cred-1', 'first-canary', 20);
    await store.show('cred-2', 'second-canary', 20);
    expect(store.snapshot()).toMatchObject({
      ownerId: 'cred-2',
      text: 'second-canary',
    });
  });

  it('clears the clipboard when the secret hides, if it still holds it', async () => {
    const { content } = fakeClipboard();
    const store = new RevealedSecretStore();
    await store.show('cred-1', 'pw-canary', 3, 'Host: h\nPassword: pw-canary');
    expect(content()).toBe('Host: h\nPassword: pw-canary');
    expect(store.snapshot()?.copied).toBe('Host: h\nPassword: pw-canary');

    await jest.advanceTimersByTimeAsync(2000);
    expect(store.snapshot()?.remaining).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(store.snapshot()).toBeUndefined();
    expect(content()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const { clipboard, content } = fakeClipboard();
    const store = new RevealedSecretStore();
    await store.show('cred-1', 'pw-canary', 20);
    await clipboard.writeText('the user copied this');
    store.hide();
    await jest.advanceTimersByTimeAsync(0);
    expect(content()).toBe('the user copied this');
  });

  it('ignores a hide from a control that no longer owns the secret', async () => {
    fakeClipboard();
    const store = new RevealedSecretStore();
    await store.show('cred-2', 'pw-canary', 20);
    store.hide('cred-1');
    expect(store.snapshot()?.ownerId).toBe('cred-2');
  });
});
