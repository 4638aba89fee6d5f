// The registry in a process of its own, as it is deployed: a benchmark that ran it in its own process would share
// the event loop with the load it makes, and measure the client as much as the server.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface RegistryProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export function startRegistryProcess(dataDir: string): Promise<RegistryProcess> {
  const cli = path.resolve(import.meta.dirname, '../registry/cli.ts');
  const child = spawn(process.execPath, [cli, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`the registry exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (!url) return;
      resolve({
        url,
        pid: child.pid!,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
