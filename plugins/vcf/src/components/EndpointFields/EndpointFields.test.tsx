import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { EndpointFields } from './EndpointFields';
import {
  afterSave,
  type EndpointDraft,
  toEndpointDraft,
  toEndpointInput,
  validateEndpoint,
} from './endpoint';

const stored = toEndpointDraft({
  baseUrl: 'https://sddc.lab.example.com',
  username: 'svc@vsphere.local',
  tls: { verify: true },
  intervalMinutes: 30,
});

/** The fields with their draft in state, as the forms hold it; every change is recorded. */
function renderFields(
  initial: EndpointDraft,
  options: { optional?: boolean; errors?: Record<string, string> } = {},
) {
  const changes: EndpointDraft[] = [];
  function Form() {
    const [draft, setDraft] = useState(initial);
    return (
      <EndpointFields
        idPrefix="sddc"
        title="SDDC Manager"
        example="https://sddc-manager.example.com"
        draft={draft}
        errors={options.errors ?? {}}
        errorPrefix="sddcManager"
        optional={options.optional}
        defaultIntervalMinutes={30}
        onChange={next => {
          changes.push(next);
          setDraft(next);
        }}
      />
    );
  }
  renderInTestApp(<Form />);
  return changes;
}

/** Puts text into a field the way a user pastes it (typing it key by key is slow on a busy machine). */
async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

describe('EndpointFields', () => {
  it('edits URL, service account, password, interval, TLS and CA', async () => {
    const changes = renderFields(toEndpointDraft());
    await fill(
      screen.getByLabelText(/^SDDC Manager URL/),
      'https://sddc.example.com',
    );
    await fill(
      screen.getByLabelText(/^SDDC Manager username/),
      'svc@vsphere.local',
    );
    await userEvent.type(screen.getByLabelText(/^SDDC Manager password/), 'pw');
    await userEvent.type(screen.getByLabelText('Sync every (minutes)'), '5');
    await userEvent.click(screen.getByLabelText('Verify the TLS certificate'));
    await fill(
      screen.getByLabelText('CA certificate (PEM)'),
      '-----BEGIN CERTIFICATE-----',
    );

    expect(changes.at(-1)).toEqual({
      enabled: false,
      baseUrl: 'https://sddc.example.com',
      username: 'svc@vsphere.local',
      password: 'pw',
      verifyTls: false,
      ca: '-----BEGIN CERTIFICATE-----',
      intervalMinutes: '5',
      stored: false,
    });
    expect(screen.getByLabelText(/^SDDC Manager password/)).toHaveAttribute(
      'type',
      'password',
    );
  });

  it('warns when TLS verification is off', async () => {
    renderFields({ ...stored, verifyTls: false });
    expect(
      screen.getByText(/Without verification the service-account password/),
    ).toBeInTheDocument();
  });

  it('does not warn with verification on', async () => {
    renderFields(stored);
    expect(screen.queryByText(/Without verification/)).not.toBeInTheDocument();
    expect(screen.getByText('Empty: every 30 minutes.')).toBeInTheDocument();
  });

  it('lets a stored password be kept', async () => {
    renderFields(stored);
    expect(
      screen.getByText('Leave empty to keep the stored password.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^SDDC Manager password/)).not.toBeRequired();
    expect(screen.getByLabelText(/^SDDC Manager username/)).toBeRequired();
  });

  it('requires a password for a new endpoint', async () => {
    renderFields(toEndpointDraft());
    expect(screen.getByLabelText(/^SDDC Manager password/)).toBeRequired();
  });

  it('shows the errors of its own prefix under their fields', async () => {
    renderFields(toEndpointDraft(), {
      errors: {
        'sddcManager.baseUrl':
          'A URL such as https://sddc-manager.example.com.',
        'sddcManager.intervalMinutes': 'Whole minutes, at least 1.',
        'installer.username': 'Not mine',
      },
    });
    expect(
      screen.getByText('A URL such as https://sddc-manager.example.com.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^SDDC Manager URL/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByText('Whole minutes, at least 1.')).toBeInTheDocument();
    expect(screen.queryByText('Not mine')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^SDDC Manager username/)).toHaveAttribute(
      'aria-invalid',
      'false',
    );
  });

  it('hides the fields of an optional endpoint until it is enabled', async () => {
    const changes = renderFields(toEndpointDraft(), { optional: true });
    expect(
      screen.queryByLabelText(/^SDDC Manager URL/),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'SDDC Manager' }),
    );

    expect(changes.at(-1)?.enabled).toBe(true);
    expect(screen.getByLabelText(/^SDDC Manager URL/)).toBeInTheDocument();
  });
});

describe('endpoint drafts', () => {
  it('start empty, or from what the API shows, without a password', () => {
    expect(toEndpointDraft()).toEqual({
      enabled: false,
      baseUrl: '',
      username: '',
      password: '',
      verifyTls: true,
      ca: '',
      intervalMinutes: '',
      stored: false,
    });
    expect(stored).toMatchObject({
      enabled: true,
      password: '',
      intervalMinutes: '30',
      stored: true,
    });
  });

  it('send the password only when one was typed, trimmed values and numbers', () => {
    expect(
      toEndpointInput({
        ...stored,
        baseUrl: ' https://sddc.example.com ',
        ca: '  ',
        intervalMinutes: '',
      }),
    ).toEqual({
      baseUrl: 'https://sddc.example.com',
      username: 'svc@vsphere.local',
      password: undefined,
      tls: { verify: true, ca: undefined },
      intervalMinutes: undefined,
    });
    expect(
      toEndpointInput({ ...stored, password: 'new-pw', intervalMinutes: '5' }),
    ).toMatchObject({ password: 'new-pw', intervalMinutes: 5 });
  });

  it('drop the typed password after a save', () => {
    expect(
      afterSave({ ...toEndpointDraft(), enabled: true, password: 'pw' }),
    ).toMatchObject({ password: '', stored: true });
  });

  it('are validated field by field', () => {
    expect(
      validateEndpoint(
        { ...toEndpointDraft(), baseUrl: 'sddc', intervalMinutes: '0.5' },
        'sddcManager',
        'https://sddc-manager.example.com',
      ),
    ).toEqual({
      'sddcManager.baseUrl': 'A URL such as https://sddc-manager.example.com.',
      'sddcManager.username': 'The service account to sync with.',
      'sddcManager.password': 'The service account password.',
      'sddcManager.intervalMinutes': 'Whole minutes, at least 1.',
    });
    expect(validateEndpoint(stored, 'sddcManager', 'x')).toEqual({});
  });
});
