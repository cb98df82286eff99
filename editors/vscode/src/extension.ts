// Starts `chattools-lint lsp` for the workspace. The server does the work: diagnostics, quick
// fixes and hover; this file only finds the binary and connects it.
import * as fs from "fs";
import * as path from "path";
import { commands, ExtensionContext, window, workspace } from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient";

let client: LanguageClient | undefined;

/** The npm platform packages of `chattools-lint` (as npm/chattools-lint/bin/chattools-lint.js). */
function platformPackage(): string | undefined {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === "linux") {
    const musl = fs.existsSync("/etc/alpine-release");
    const linux: Record<string, string> = {
      "linux-x64": musl ? "@chattools-lint/linux-x64-musl" : "@chattools-lint/linux-x64",
      "linux-arm64": "@chattools-lint/linux-arm64",
    };
    return linux[base];
  }
  return ({
    "darwin-x64": "@chattools-lint/darwin-x64",
    "darwin-arm64": "@chattools-lint/darwin-arm64",
    "win32-x64": "@chattools-lint/win32-x64",
    "win32-arm64": "@chattools-lint/win32-arm64",
  } as Record<string, string>)[base];
}

/** The setting, else the binary the project's npm package installed, else the PATH's. */
function binary(): string {
  const configured = workspace.getConfiguration("chattoolsLint").get<string>("path");
  if (configured) {
    return configured;
  }
  const pkg = platformPackage();
  const exe = process.platform === "win32" ? "chattools-lint.exe" : "chattools-lint";
  for (const folder of workspace.workspaceFolders || []) {
    const root = folder.uri.fsPath;
    if (!pkg) {
      break;
    }
    try {
      return require.resolve(`${pkg}/bin/${exe}`, {
        paths: [path.join(root, "node_modules", "chattools-lint"), root],
      });
    } catch (_) {
      // Not installed in this folder.
    }
  }
  return "chattools-lint";
}

function start(): LanguageClient {
  const command = binary();
  const server: ServerOptions = { command, args: ["lsp"] };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/*.{json,js,ts,mjs,cjs,wxml,wxss,wxs,less,scss,sass}" },
    ],
    synchronize: {
      fileEvents: workspace.createFileSystemWatcher(
        "**/*.{json,js,ts,mjs,cjs,wxml,wxss,wxs,less,scss,sass}"
      ),
    },
  };
  const c = new LanguageClient("chattoolsLint", "chattools-lint", server, options);
  c.start();
  c.onReady().catch((e) => {
    window.showErrorMessage(
      `chattools-lint: could not start \`${command} lsp\` (${e}). Install it (npm i -D chattools-lint) or set chattoolsLint.path.`
    );
  });
  return c;
}

export function activate(context: ExtensionContext): void {
  client = start();
  context.subscriptions.push(
    commands.registerCommand("chattoolsLint.restart", async () => {
      if (client) {
        await client.stop();
      }
      client = start();
    }),
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("chattoolsLint.path")) {
        await commands.executeCommand("chattoolsLint.restart");
      }
    })
  );
}

export function deactivate(): Thenable<void> | undefined {
  return client ? client.stop() : undefined;
}
