// miniprogram-ci's offline app/page checks on a project, as bench/demo.sh times them:
//   node bench/ci-check.js PROJECT [NODE_MODULES]
// `ci.Project` (it globs the whole project, as the upload does) then the app.json check
// (`getAppJSON`: schema, fields, subpackages, chat tools) and every page's .json check
// (`getPageJSON`: schema, renderer rules, usingComponents paths). No network, no real key:
// the private key is only read, never used, by these checks.
const path = require('path');
const t0 = process.hrtime.bigint();
const project = path.resolve(process.argv[2]);
const modules = path.resolve(process.argv[3] || 'node_modules');
const req = (p) => require(path.join(modules, p));
const ci = req('miniprogram-ci');
const { getAppJSON } = req('miniprogram-ci/dist/modules/corecompiler/original/json/app');
const { getPageJSON } = req('miniprogram-ci/dist/modules/corecompiler/original/json/page/getPageJSON');
const t1 = process.hrtime.bigint();
const p = new ci.Project({
  appid: 'wx0000000000000000',
  type: 'miniProgram',
  projectPath: project,
  privateKey: 'offline',
  ignores: ['node_modules/**/*'],
});
const root = (p.miniprogramRoot || '').replace(/\/$/, '');
let problems = 0;
let app;
try {
  app = getAppJSON(p);
} catch (e) {
  problems++;
  console.log('app.json:', String(e.message || e).split('\n')[0]);
}
let pages = 0;
if (app) {
  const all = [...(app.pages || [])];
  for (const s of app.subPackages || app.subpackages || []) {
    for (const page of s.pages || []) all.push(path.posix.join(s.root, page));
  }
  for (const pagePath of all) {
    pages++;
    try {
      getPageJSON(p, { pagePath, miniprogramRoot: root });
    } catch (e) {
      problems++;
    }
  }
}
const t2 = process.hrtime.bigint();
console.log(
  `miniprogram-ci: ${pages} pages checked, ${problems} problems; require ${Number(t1 - t0) / 1e6} ms, checks ${Number(t2 - t1) / 1e6} ms`
);
