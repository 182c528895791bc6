import type { VcsimInstance } from '@vcf-backstage/vcsim';
import {
  PropertyCollectorPager,
  readMoRef,
  readString,
  VimSoapClient,
  type ManagedObjectReference,
  type xmlChildren,
} from '../clients/vsphere';

/** Runs vSphere methods on the simulator as an administrator would, and waits for their tasks. */
export async function runVsphereTasks(
  vcsim: VcsimInstance,
  calls: Array<
    [
      method: string,
      target: ManagedObjectReference,
      parameters?: ReturnType<typeof xmlChildren>,
    ]
  >,
) {
  const client = VimSoapClient.create({
    url: vcsim.url,
    username: vcsim.username,
    password: vcsim.password,
    tls: { ca: vcsim.certificatePem },
  });
  const pager = PropertyCollectorPager.create({ client });
  try {
    await client.connect();
    for (const [method, target, parameters] of calls) {
      const task = readMoRef(await client.invoke(method, target, parameters));
      for (let state = 'running'; task && state !== 'success'; ) {
        const [info] = await pager.retrieve({
          propSet: [{ type: 'Task', pathSet: ['info.state'] }],
          objectSet: [{ obj: task }],
        });
        state = readString(info?.props.get('info.state')) ?? 'error';
        if (state === 'error') throw new Error(`${method} failed`);
        if (state !== 'success') await new Promise(r => setTimeout(r, 20));
      }
    }
    await client.logout();
  } finally {
    await client.close();
  }
}
