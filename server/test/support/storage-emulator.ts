import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { GcsCredentials } from '../../src/modules/storage/gcs-blob-store';

// The in-process start below uses firebase-tools internals; package.json pins this release.
const FIREBASE_TOOLS_VERSION = '15.34.2';

/** firebase-tools' Cloud Storage emulator, serving the JSON API on a loopback port. */
export interface StorageEmulator {
  /** For the client's apiEndpoint (GCS_API_ENDPOINT). */
  endpoint: URL;
  projectId: string;
  stop(): Promise<void>;
}

interface EmulatorArgs {
  projectId: string;
  host: string;
  port: number;
  auto_download: boolean;
}

interface EmulatorInstance {
  args: EmulatorArgs;
}

/**
 * Starts only the storage emulator of firebase-tools, in this process, without Java: its
 * `start()` would launch the rules runtime (a JAR), which only the Firebase client API needs.
 * The Cloud Storage JSON API the server's client speaks goes through the admin storage layer,
 * which allows everything, so the express app is built and served here directly.
 */
export async function startStorageEmulator(): Promise<StorageEmulator> {
  const { version } = require('firebase-tools/package.json') as { version: string };
  if (version !== FIREBASE_TOOLS_VERSION) {
    throw new Error(
      `firebase-tools ${version} is installed; the storage emulator harness is written for ${FIREBASE_TOOLS_VERSION}`,
    );
  }
  const Emulator = require('firebase-tools/lib/emulator/storage/index.js').StorageEmulator as new (
    args: EmulatorArgs,
  ) => EmulatorInstance;
  const { createApp } = require('firebase-tools/lib/emulator/storage/server.js');
  const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry.js');
  const { Emulators } = require('firebase-tools/lib/emulator/types.js');

  const projectId = 'demo-aiofm';
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-gcs-emulator-'));
  // Its default blob directory is shared by every emulator on the machine.
  class InProcessEmulator extends Emulator {
    getPersistenceTmpDir() {
      return blobDir;
    }
  }
  const emulator = new InProcessEmulator({
    projectId,
    host: '127.0.0.1',
    port: 0,
    auto_download: false,
  });
  const app = await createApp(projectId, emulator);
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Bucket metadata and upload URLs are built from the registry's idea of where it runs.
  emulator.args.port = port;
  EmulatorRegistry.set(Emulators.STORAGE, emulator);

  return {
    endpoint: new URL(`http://127.0.0.1:${port}`),
    projectId,
    async stop() {
      EmulatorRegistry.clear(Emulators.STORAGE);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

/** A service account that exists nowhere: its key signs URLs locally, as a real one would. */
export function fakeServiceAccount(projectId: string): GcsCredentials {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    client_email: `aiofm-test@${projectId}.iam.gserviceaccount.com`,
    private_key: privateKey,
  };
}
