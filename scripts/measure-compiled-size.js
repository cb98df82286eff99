// Driver of measure-compiled-size.sh: lay out the projects, compile them with miniprogram-ci
// (offline), run chattools-lint size on them, compare per file and per kind.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [repo, scratch, bin] = process.argv.slice(2);
const ci = require(path.join(scratch, 'node_modules/miniprogram-ci'));
const data = path.join(repo, 'tests/data/miniprogram-demo');

function write(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

// A stand-in of `size` bytes for one of the demo's own files: plain page code written here,
// repeated and cut at a block boundary, then filled with spaces (what a formatter leaves).
function standIn(ext, size, seed) {
  const blocks = {
    '.js': (i) => `
  // handler ${i}: keep the list in step with the server
  onItemTap${i}(e) {
    const { id, index } = e.currentTarget.dataset
    const items = this.data.items.slice()
    if (!items[index]) {
      wx.showToast({ title: '数据已更新，请重试', icon: 'none' })
      return
    }
    items[index] = { ...items[index], checked: !items[index].checked, at: Date.now() }
    this.setData({ items, selected: items.filter((x) => x.checked).map((x) => x.id) })
    console.info('item ${i}', id)
  },
`,
    '.wxml': (i) => `
  <view class="card" wx:if="{{items.length > ${i}}}">
    <view class="card-title">列表 ${i}</view>
    <t-cell title="{{items[${i}].title}}" note="{{items[${i}].note || ''}}" hover arrow bind:tap="onItemTap${i}" data-index="${i}" />
  </view>
`,
    '.wxss': (i) => `
.card-${i} {
  margin: ${i * 4}rpx 32rpx;
  padding: 24rpx;
  border-radius: 16rpx;
  background-color: #ffffff;
}

.card-${i} .card-title {
  font-size: 28rpx;
  color: rgba(0, 0, 0, 0.6);
}
`,
  };
  const head = { '.js': `// ${seed}\nPage({\n  data: { items: [], selected: [] },\n`, '.wxml': '<scroll-view class="page" scroll-y>\n', '.wxss': '' }[ext];
  const tail = { '.js': '})\n', '.wxml': '</scroll-view>\n', '.wxss': '' }[ext];
  let body = '';
  for (let i = 0; ; i++) {
    const next = blocks[ext](i);
    if (Buffer.byteLength(head + body + next + tail) > size) break;
    body += next;
  }
  let out = head + body + tail;
  return out + ' '.repeat(Math.max(0, size - Buffer.byteLength(out)));
}

// WeChat's demo, chat-tool package only (plus one main page).
function layOutDemo(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  const pc = JSON.parse(fs.readFileSync(path.join(data, 'project.config.json'), 'utf8'));
  pc.appid = 'touristappid';
  write(path.join(dir, 'project.config.json'), JSON.stringify(pc, null, 2));
  const app = JSON.parse(fs.readFileSync(path.join(data, 'miniprogram/app.json'), 'utf8'));
  const slim = {
    pages: ['page/index/index'],
    subpackages: app.subpackages.filter((s) => s.root === 'packageChatTool'),
    chatTools: app.chatTools,
    lazyCodeLoading: app.lazyCodeLoading,
    rendererOptions: app.rendererOptions,
    componentFramework: app.componentFramework,
    style: app.style,
  };
  const mp = path.join(dir, 'miniprogram');
  write(path.join(mp, 'app.json'), JSON.stringify(slim, null, 2));
  write(path.join(mp, 'app.js'), 'App({})\n');
  write(path.join(mp, 'page/index/index.js'), 'Page({})\n');
  write(path.join(mp, 'page/index/index.wxml'), '<view>index</view>\n');
  write(path.join(mp, 'page/index/index.json'), '{}\n');
  const td = path.join(scratch, 'node_modules/tdesign-miniprogram/miniprogram_dist');
  const tsv = fs.readFileSync(path.join(data, 'packageChatTool.files.tsv'), 'utf8').trim().split('\n');
  const own = [];
  for (const line of tsv) {
    const [size, rel] = line.split('\t');
    const out = path.join(dir, rel);
    const m = rel.match(/components\/tdesign-miniprogram\/(.*)$/);
    if (m) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(path.join(td, m[1]), out);
      continue;
    }
    const inData = path.join(data, rel);
    if (fs.existsSync(inData)) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(inData, out);
    } else {
      write(out, standIn(path.extname(rel), Number(size), rel));
      own.push(rel);
    }
  }
  return own;
}

// A project of @vant/weapp components and this repo's examples, to check the estimate on
// other code than TDesign's.
function layOutVant(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  const mp = dir;
  write(path.join(dir, 'project.config.json'), JSON.stringify({
    appid: 'touristappid', compileType: 'miniprogram', libVersion: '3.7.8',
    setting: { es6: true, minified: true, minifyWXSS: true, minifyWXML: true, postcss: true, enhance: true },
  }, null, 2));
  write(path.join(mp, 'app.json'), JSON.stringify({
    pages: ['pages/index/index'],
    subPackages: [{ root: 'pkg', pages: ['pages/a/index'], independent: true }],
    chatTools: [{ root: 'pkg', entryPagePath: 'pages/a/index', desc: 'vant' }],
  }, null, 2));
  write(path.join(mp, 'app.js'), 'App({})\n');
  write(path.join(mp, 'pages/index/index.js'), 'Page({})\n');
  write(path.join(mp, 'pages/index/index.wxml'), '<view>index</view>\n');
  write(path.join(mp, 'pages/index/index.json'), '{}\n');
  fs.cpSync(path.join(scratch, 'node_modules/@vant/weapp/dist'), path.join(mp, 'pkg/vant'), { recursive: true });
  write(path.join(mp, 'pkg/pages/a/index.js'), 'Page({})\n');
  write(path.join(mp, 'pkg/pages/a/index.wxml'), '<van-button>a</van-button>\n');
  write(path.join(mp, 'pkg/pages/a/index.json'), JSON.stringify({ usingComponents: { 'van-button': '../../vant/button/index' } }));
  // The repo's examples: their code files, into the same package.
  const ex = path.join(repo, 'examples');
  for (const name of fs.readdirSync(ex)) {
    const walk = (d, rel) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p, path.join(rel, e.name));
        else if (/\.(js|wxss|wxml|wxs)$/.test(e.name)) {
          fs.mkdirSync(path.join(mp, 'pkg/examples', name, rel), { recursive: true });
          fs.copyFileSync(p, path.join(mp, 'pkg/examples', name, rel, e.name));
        }
      }
    };
    if (fs.statSync(path.join(ex, name)).isDirectory()) walk(path.join(ex, name), '');
  }
}

function kind(p) {
  const ext = path.extname(p);
  return ['.js', '.wxss', '.wxml', '.json', '.wxs'].includes(ext) ? ext.slice(1) : 'other';
}

async function compile(dir, setting) {
  // A key of the right shape is required, never used: the project's attributes (which need the
  // network and a real key) are set to miniprogram-ci's own defaults instead.
  const privateKey = '-----BEGIN RSA PRIVATE KEY-----\nnone\n-----END RSA PRIVATE KEY-----';
  const project = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath: dir, privateKey, ignores: ['node_modules/**/*'] });
  project._attr = { ...require(path.join(scratch, 'node_modules/miniprogram-ci/dist/config/config')).DefaultProjectAttr };
  const result = await ci.getCompiledResult({ project, setting });
  const sizes = {};
  for (const [k, v] of Object.entries(result)) {
    sizes[k.replace(/^\/+/, '')] = Buffer.byteLength(v);
  }
  return sizes;
}

// chattools-lint's estimate; `setting` (when given) overrides the project's settings the way
// project.private.config.json does.
function estimate(dir, setting) {
  const priv = path.join(dir, 'project.private.config.json');
  if (setting) fs.writeFileSync(priv, JSON.stringify({ setting }));
  try {
    const out = execFileSync(bin, ['size', dir, '--format', 'json', '--top', '100000'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return JSON.parse(out);
  } finally {
    if (setting) fs.rmSync(priv);
  }
}

function compare(label, truth, est, root, mpPrefix) {
  // truth: compiled path → bytes; est: size JSON. Compare files under `root`.
  const pkg = est.packages.find((p) => p.root === root);
  const files = (est.chatTool && est.chatTool.root === root ? est.chatTool.largestFiles : []);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const kinds = {};
  let worst = [];
  for (const [p, bytes] of Object.entries(truth)) {
    const rel = p.startsWith(mpPrefix) ? p.slice(mpPrefix.length) : p;
    if (!rel.startsWith(root + '/')) continue;
    const k = rel.includes('/@babel/runtime/') ? 'babel helpers' : kind(rel);
    const e = byPath.get(rel.replace(/\.ts$/, '.js'));
    kinds[k] = kinds[k] || { files: 0, truth: 0, est: 0, source: 0, missing: 0 };
    kinds[k].files++;
    kinds[k].truth += bytes;
    if (e) {
      kinds[k].est += e.compiledBytes;
      kinds[k].source += e.bytes;
      worst.push([rel, bytes, e.compiledBytes]);
    } else kinds[k].missing++;
  }
  const truthTotal = Object.values(kinds).reduce((a, k) => a + k.truth, 0);
  if (kinds['babel helpers']) {
    const h = kinds['babel helpers'];
    h.est = pkg.compiledBytes - [...byPath.values()].filter((f) => f.path.startsWith(root + '/')).reduce((a, f) => a + f.compiledBytes, 0);
    h.missing = 0;
  }
  console.log(`\n== ${label}: ${root}`);
  console.log(`  WeChat (miniprogram-ci getCompiledResult): ${truthTotal}   chattools-lint compiledBytes: ${pkg.compiledBytes}   (source ${pkg.bytes})   error ${((pkg.compiledBytes - truthTotal) / truthTotal * 100).toFixed(2)}%`);
  for (const [k, v] of Object.entries(kinds)) {
    console.log(`  ${k.padEnd(13)} ${String(v.files).padStart(4)} files  source ${String(v.source).padStart(7)}  WeChat ${String(v.truth).padStart(7)}  estimate ${String(v.est).padStart(7)}  error ${v.truth ? ((v.est - v.truth) / v.truth * 100).toFixed(2) : '-'}%${v.missing ? `  (${v.missing} not in the estimate)` : ''}`);
  }
  worst.sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]));
  console.log('  largest differences (path, WeChat, estimate):');
  for (const w of worst.slice(0, 8)) console.log(`    ${w[0]}  ${w[1]}  ${w[2]}`);
  const notTruth = [...byPath.keys()].filter((p) => p.startsWith(root + '/') && !(mpPrefix + p in truth) && !(mpPrefix + p.replace(/\.js$/, '.ts') in truth));
  if (notTruth.length) console.log(`  in the estimate, not compiled by WeChat: ${notTruth.slice(0, 5).join(', ')}${notTruth.length > 5 ? ' …' : ''}`);
}

(async () => {
  const demo = path.join(scratch, 'demo');
  const own = layOutDemo(demo);
  console.log(`demo laid out in ${demo}; stand-ins for the demo's own files: ${own.join(', ')}`);
  const vant = path.join(scratch, 'vant');
  layOutVant(vant);
  const jobs = [['demo', demo, 'packageChatTool', ''], ['vant + examples', vant, 'pkg', '']];
  const off = { es6: false, minified: false, minifyWXSS: false, minifyWXML: false, postcss: false, enhance: false };
  if (process.env.ONLY_DEMO) jobs.pop();
  for (const [label, dir, root, mpPrefix] of jobs) {
    const own = await compile(dir, { useProjectConfig: true });
    compare(`${label}, the project's own settings`, own, estimate(dir), root, mpPrefix);
    // miniprogram-ci's defaults: `setting: {}` turns every compile option off.
    const plain = await compile(dir, {});
    compare(`${label}, no minification (miniprogram-ci's defaults)`, plain, estimate(dir, off), root, mpPrefix);
  }
})().catch((e) => { console.error(e); process.exit(1); });
