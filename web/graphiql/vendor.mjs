// Copies the browser builds GraphiQL needs from node_modules (installed by `npm ci` from
// package-lock.json) into gql_news/graphiql/vendor/, with a manifest.json the app reads to
// build its page. The manifest is written last: a directory without one is "no assets", so
// an interrupted copy never serves half a GraphiQL.
//
//   node web/graphiql/vendor.mjs [OUTPUT_DIR]
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2] ?? join(here, "..", "..", "gql_news", "graphiql", "vendor");
const modules = join(here, "node_modules");

// [package, file inside it, kind, name in the output]; scripts load in this order (GraphiQL's
// UMD build expects the React and ReactDOM globals, the explorer plugin's the GraphiQL global).
const FILES = [
  ["react", "umd/react.production.min.js", "script"],
  ["react-dom", "umd/react-dom.production.min.js", "script"],
  ["graphiql", "graphiql.min.js", "script"],
  ["@graphiql/plugin-explorer", "dist/index.umd.js", "script", "graphiql-plugin-explorer.umd.js"],
  ["graphiql", "graphiql.min.css", "style"],
  ["@graphiql/plugin-explorer", "dist/style.css", "style", "graphiql-plugin-explorer.css"],
];
// The schema map on /voyager: GraphQL Voyager's standalone build (React bundled in).
const VOYAGER_FILES = [
  ["graphql-voyager", "dist/voyager.standalone.js", "script"],
  ["graphql-voyager", "dist/voyager.css", "style"],
];

const packageJson = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));

rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const manifest = { scripts: [], styles: [], packages: {}, voyager: { scripts: [], styles: [] } };
const copy = (files, lists) => {
  for (const [name, file, kind, rename] of files) {
    const target = rename ?? file.split("/").pop();
    copyFileSync(join(modules, name, file), join(output, target));
    lists[kind === "script" ? "scripts" : "styles"].push(target);
    if (!(name in manifest.packages)) {
      const { version, license } = packageJson(name);
      manifest.packages[name] = { version, license };
      const licence = join(output, `LICENSE.${name.replace("@", "").replace("/", "__")}.txt`);
      // Some packages (the explorer plugin) ship no LICENSE file: record the licence they declare.
      if (existsSync(join(modules, name, "LICENSE"))) copyFileSync(join(modules, name, "LICENSE"), licence);
      else writeFileSync(licence, `${name}@${version}: ${license} (declared in its package.json)\n`);
    }
  }
};
copy(FILES, manifest);
copy(VOYAGER_FILES, manifest.voyager);
writeFileSync(join(output, "manifest.json.tmp"), JSON.stringify(manifest, null, 2) + "\n");
renameSync(join(output, "manifest.json.tmp"), join(output, "manifest.json"));
const summary = Object.entries(manifest.packages).map(([name, { version }]) => `${name}@${version}`);
console.log(`GraphiQL assets: ${summary.join(", ")} -> ${output}`);
