import fs from 'node:fs';
import path from 'node:path';
import { parse, Kind } from 'graphql';
import { defaultPorts, subgraphSlugs } from '@hub/runtime';
import { departmentEnglish, departmentLabels, departmentRegistry, departments, departmentSlug, vocabularySdl } from '@hub/vocabulary';

/** The department registry is the one list: what derives from it agrees, and what stays literal (deployment) lists it all. */
const repo = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
const envKey = (slug: string) => slug.toUpperCase().replace(/-/g, '_');
const pascal = (slug: string) =>
  slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

describe('the department registry', () => {
  it('gives each department its own code, slug, label, English name and port, its names derived from its slug', () => {
    for (const key of ['code', 'slug', 'label', 'english', 'port', 'typePrefix', 'personField'] as const) {
      const values = departmentRegistry.map((d) => d[key]);
      expect({ key, unique: new Set(values).size }).toEqual({ key, unique: values.length });
    }
    for (const d of departmentRegistry) {
      expect({ slug: d.slug, code: d.code, typePrefix: d.typePrefix, personField: d.personField }).toEqual({
        slug: d.slug,
        code: envKey(d.slug),
        typePrefix: pascal(d.slug),
        personField: pascal(d.slug).charAt(0).toLowerCase() + pascal(d.slug).slice(1),
      });
    }
  });

  it('is what the enum, its labels, slugs, English names, the ports and the service list are made of', () => {
    expect(departments).toEqual(departmentRegistry.map((d) => d.code));
    expect(subgraphSlugs).toEqual(departmentRegistry.map((d) => d.slug));
    for (const d of departmentRegistry) {
      expect([departmentLabels[d.code], departmentSlug[d.code], departmentEnglish[d.code], defaultPorts[d.slug]]).toEqual([
        d.label,
        d.slug,
        d.english,
        d.port,
      ]);
    }
    // No two services share a port: the gateway's and the county service's are not a department's.
    const ports = Object.values(defaultPorts);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("is the SDL's Department enum, each value described by its label and English name", () => {
    const node = parse(vocabularySdl).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'Department');
    if (node?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('no Department enum in the vocabulary SDL');
    expect(node.values?.map((v) => [v.name.value, v.description?.value])).toEqual(
      departmentRegistry.map((d) => [d.code, `${d.label} ${d.english}`]),
    );
  });

  it('has a folder for each entry, and every department folder has an entry', () => {
    const folders = fs
      .readdirSync(path.join(repo, 'subgraphs'))
      .filter((slug) => fs.existsSync(path.join(repo, 'subgraphs', slug, 'src', 'department.ts')));
    expect(folders.sort()).toEqual(departmentRegistry.map((d) => d.slug).sort());
  });

  it('gives every department folder the same shape', () => {
    const shape = [
      'package.json',
      'schema.graphql',
      'README.md',
      'src/index.ts',
      'src/server.ts',
      'src/department.ts',
      'src/contract.test.ts',
    ];
    const missing = departmentRegistry.flatMap((d) => {
      const folder = path.join(repo, 'subgraphs', d.slug);
      const files = shape.filter((file) => !fs.existsSync(path.join(folder, file)));
      const migrations = path.join(folder, 'src', 'migrations');
      if (!fs.existsSync(migrations) || !fs.readdirSync(migrations).some((f) => /^\d{13}-\w+\.ts$/.test(f))) files.push('src/migrations/');
      return files.map((file) => `subgraphs/${d.slug}/${file}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('the deployment lists every registered department', () => {
  const compose = read('docker-compose.yml');
  /** The block of one top-level service: from `  <name>:` to the next service or the end of `services`. */
  const serviceBlock = (name: string, text = compose): string => {
    const match = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(text);
    return match ? match[1] : '';
  };

  it.each(departmentRegistry.map((d) => [d.slug, d.port] as const))(
    'docker-compose.yml runs %s on port %i, checks its health there and points the county service and the gateway at it',
    (slug, port) => {
      const own = serviceBlock(slug);
      expect(own).toContain(`command: ['node', 'subgraphs/${slug}/dist/index.js']`);
      expect(own).toContain(`fetch('http://127.0.0.1:${port}/health')`);
      expect(own).toContain(`HUB_${envKey(slug)}_DB_NAME: hub_${slug.replace(/-/g, '_')}`);
      for (const consumer of ['county', 'gateway'])
        expect(serviceBlock(consumer)).toContain(`HUB_${envKey(slug)}_URL: http://${slug}:${port}\n`);
      expect(serviceBlock('gateway')).toMatch(new RegExp(`^      ${slug}:\\n        condition: service_healthy$`, 'm'));
    },
  );

  it('deploy/mysql/init.sh makes a database and a user for each department', () => {
    const listed = /^hub_departments="([^"]*)"$/m.exec(read('deploy/mysql/init.sh'))?.[1].split(' ');
    expect(listed).toEqual(departmentRegistry.map((d) => d.slug));
  });

  it('finds a department missing from a compose file (the check can fail)', () => {
    expect(serviceBlock('veterans')).not.toBe('');
    expect(serviceBlock('veterans', compose.replace(/^ {2}veterans:\n(?: {4}.*\n|\n)*/m, ''))).toBe('');
  });
});
