// Upload with miniprogram-ci only when chattools-lint finds no errors in the project.
// WX_APPID, WX_PRIVATE_KEY_PATH (the upload key) and WX_VERSION come from the environment.
const ci = require("miniprogram-ci");
const { lint } = require("chattools-lint");

async function main() {
  const projectPath = process.env.WX_PROJECT_PATH || ".";
  const result = await lint(projectPath); // throws when the project cannot be linted
  for (const d of result.diagnostics) {
    console.log(`${d.file}:${d.line}:${d.column}: ${d.severity}[${d.rule}] ${d.message}`);
  }
  if (result.summary.errors > 0) {
    console.error(`chattools-lint found ${result.summary.errors} error(s): not uploading.`);
    process.exit(1);
  }
  const project = new ci.Project({
    appid: process.env.WX_APPID,
    type: "miniProgram",
    projectPath,
    privateKeyPath: process.env.WX_PRIVATE_KEY_PATH,
    ignores: ["node_modules/**/*"],
  });
  await ci.upload({ project, version: process.env.WX_VERSION, desc: "checked by chattools-lint" });
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});
