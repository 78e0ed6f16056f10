// A small validator of OCSF events over the official schema files (events/, objects/,
// profiles/, dictionary.json): an event class is resolved through its `extends` chain and
// `$include`d profiles, each attribute takes its type, array-ness, enum and sibling from
// the dictionary (a class or object may override them), and values are checked
// recursively: required attributes, unknown attributes, types (down to the dictionary's
// base types, regexes, lengths, ranges), enums, sibling captions, object constraints.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Json = Record<string, unknown>;
interface Attr {
  requirement?: string;
  type?: string;
  is_array?: boolean;
  enum?: Record<string, { caption?: string }>;
  sibling?: string;
  profile?: string | null;
}
interface Resolved {
  attributes: Record<string, Attr>;
  constraints?: { at_least_one?: string[]; just_one?: string[] };
  uid?: number;
  category?: string;
  caption?: string;
}

const PRIMITIVE: Record<string, (v: unknown) => boolean> = {
  string_t: (v) => typeof v === 'string',
  integer_t: (v) => Number.isInteger(v),
  long_t: (v) => Number.isInteger(v),
  float_t: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean_t: (v) => typeof v === 'boolean',
  json_t: () => true,
};

/** categories.json is not in the shipped folder; the category uids OCSF assigns, for the classes tested here. */
const CATEGORY_UIDS: Record<string, number> = { findings: 2 };

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class OcsfSchema {
  private readonly dictionary: Record<string, Attr & Json>;
  private readonly types: Record<string, Json>;
  private readonly events = new Map<string, Json>();
  private readonly resolved = new Map<string, Resolved>();

  constructor(private readonly root: string) {
    if (!existsSync(path.join(root, 'dictionary.json'))) throw new Error(`OCSF schema not found at ${root} (expected ../shared/schemas/ocsf-1.8.0 beside the repository)`);
    const dict = this.read('dictionary.json');
    this.dictionary = dict.attributes as Record<string, Attr & Json>;
    this.types = (dict.types as Json).attributes as Record<string, Json>;
    for (const f of readdirSync(path.join(root, 'events'), { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.json')) continue;
      const def = this.read(path.join('events', f));
      this.events.set(String(def.name), def);
    }
  }

  get version(): string {
    return String(this.read('version.json').version);
  }

  private read(rel: string): Json {
    return JSON.parse(readFileSync(path.join(this.root, rel), 'utf8')) as Json;
  }

  eventClass(name: string): Resolved {
    return this.resolve(`event:${name}`, () => this.events.get(name), (n) => this.eventClass(n));
  }

  object(name: string): Resolved {
    return this.resolve(`object:${name}`, () => {
      const f = path.join(this.root, 'objects', `${name}.json`);
      return existsSync(f) ? this.read(path.join('objects', `${name}.json`)) : undefined;
    }, (n) => this.object(n));
  }

  private resolve(key: string, load: () => Json | undefined, parent: (name: string) => Resolved): Resolved {
    const hit = this.resolved.get(key);
    if (hit) return hit;
    const def = load();
    if (!def) throw new Error(`OCSF schema has no ${key}`);
    const base = typeof def.extends === 'string' && def.extends !== 'object' ? parent(def.extends) : { attributes: {} };
    const attributes: Record<string, Attr> = { ...base.attributes };
    const own = (def.attributes ?? {}) as Record<string, unknown>;
    for (const inc of (own.$include as string[] | undefined) ?? []) {
      const profile = this.read(inc);
      for (const [k, v] of Object.entries(profile.attributes as Record<string, Attr>)) attributes[k] = merge(attributes[k], { ...v, profile: String(profile.name) });
    }
    for (const [k, v] of Object.entries(own)) if (k !== '$include') attributes[k] = merge(attributes[k], v as Attr);
    const r: Resolved = {
      attributes,
      constraints: (def.constraints as Resolved['constraints']) ?? base.constraints,
      uid: typeof def.uid === 'number' ? def.uid : base.uid,
      category: typeof def.category === 'string' && def.category !== 'other' ? def.category : base.category,
      caption: typeof def.caption === 'string' ? def.caption : base.caption,
    };
    this.resolved.set(key, r);
    return r;
  }

  /** Every problem of an event of the class, as `path: message`; empty when valid. */
  validateEvent(event: unknown, className: string): string[] {
    const errors: string[] = [];
    if (!isObj(event)) return ['$: event is not an object'];
    const profiles = new Set(isObj(event.metadata) && Array.isArray(event.metadata.profiles) ? (event.metadata.profiles as string[]) : []);
    this.checkObject(event, this.concreteClass(className), '$', profiles, errors);
    return errors;
  }

  /** The class as the OCSF compiler makes it: its own class_uid, category_uid and type_uid values replace the base event's. */
  private concreteClass(className: string): Resolved {
    const cls = this.eventClass(className);
    const categoryUid = CATEGORY_UIDS[cls.category ?? ''];
    if (categoryUid === undefined || cls.uid === undefined) throw new Error(`OCSF class ${className}: no category or uid`);
    const classUid = categoryUid * 1000 + cls.uid;
    const activities = cls.attributes.activity_id?.enum ?? {};
    const typeEnum = Object.fromEntries(Object.entries(activities).map(([id, a]) => [String(classUid * 100 + Number(id)), { caption: `${cls.caption}: ${a.caption}` }]));
    const attributes = {
      ...cls.attributes,
      class_uid: { ...cls.attributes.class_uid, enum: { [String(classUid)]: { caption: cls.caption } } },
      category_uid: { ...cls.attributes.category_uid, enum: { [String(categoryUid)]: {} } },
      type_uid: { ...cls.attributes.type_uid, enum: typeEnum },
    };
    return { ...cls, attributes };
  }

  private checkObject(value: Json, def: Resolved, at: string, profiles: Set<string>, errors: string[]): void {
    const active = Object.entries(def.attributes).filter(([, a]) => !a.profile || profiles.has(a.profile));
    const known = new Map(active);
    for (const [k, a] of active) {
      if (a.requirement === 'required' && (value[k] === undefined || value[k] === null)) errors.push(`${at}.${k}: required attribute missing`);
    }
    for (const [k, v] of Object.entries(value)) {
      const a = known.get(k);
      if (!a) {
        errors.push(`${at}.${k}: not an attribute here${def.attributes[k] ? ` (needs profile ${def.attributes[k]!.profile})` : ''}`);
        continue;
      }
      this.checkAttribute(k, a, v, value, `${at}.${k}`, profiles, errors);
    }
    const c = def.constraints;
    if (c?.at_least_one && !c.at_least_one.some((k) => value[k] !== undefined)) errors.push(`${at}: needs at least one of ${c.at_least_one.join(', ')}`);
    if (c?.just_one && c.just_one.filter((k) => value[k] !== undefined).length !== 1) errors.push(`${at}: needs exactly one of ${c.just_one.join(', ')}`);
  }

  private checkAttribute(name: string, local: Attr, v: unknown, parent: Json, at: string, profiles: Set<string>, errors: string[]): void {
    const dict = this.dictionary[name];
    if (!dict) {
      errors.push(`${at}: not in the dictionary`);
      return;
    }
    const type = local.type ?? dict.type!;
    const isArray = local.is_array ?? dict.is_array ?? false;
    const enumeration = local.enum || dict.enum ? { ...dict.enum, ...local.enum } : undefined;
    const values = isArray ? v : [v];
    if (isArray && !Array.isArray(v)) {
      errors.push(`${at}: must be an array of ${type}`);
      return;
    }
    (values as unknown[]).forEach((item, i) => {
      const p = isArray ? `${at}[${i}]` : at;
      this.checkType(item, type, p, profiles, errors);
      if (enumeration && !(String(item) in enumeration)) errors.push(`${p}: ${JSON.stringify(item)} is not in the enum (${Object.keys(enumeration).join(', ')})`);
    });
    const sibling = dict.sibling;
    if (sibling && enumeration && !isArray && parent[sibling] !== undefined && String(v) !== '99') {
      const caption = enumeration[String(v)]?.caption;
      if (caption !== undefined && parent[sibling] !== caption) errors.push(`${at}: sibling ${sibling} is ${JSON.stringify(parent[sibling])}, the enum caption is ${JSON.stringify(caption)}`);
    }
  }

  private checkType(v: unknown, type: string, at: string, profiles: Set<string>, errors: string[]): void {
    if (type === 'object') {
      if (!isObj(v)) errors.push(`${at}: must be an object`);
      return;
    }
    if (this.types[type] !== undefined || type in PRIMITIVE) {
      for (let t: string | undefined = type; t !== undefined; t = this.types[t]?.type as string | undefined) {
        const td = this.types[t] ?? {};
        const prim = PRIMITIVE[t];
        if (prim && !prim(v)) errors.push(`${at}: ${JSON.stringify(v)} is not a ${type}`);
        if (typeof td.regex === 'string' && typeof v === 'string' && !new RegExp(td.regex).test(v)) errors.push(`${at}: does not match the ${t} pattern`);
        if (typeof td.max_len === 'number' && typeof v === 'string' && v.length > td.max_len) errors.push(`${at}: longer than ${td.max_len}`);
        if (Array.isArray(td.range) && typeof v === 'number' && (v < td.range[0] || v > td.range[1])) errors.push(`${at}: outside ${JSON.stringify(td.range)}`);
        if (Array.isArray(td.values) && !td.values.includes(v)) errors.push(`${at}: not one of ${JSON.stringify(td.values)}`);
      }
      return;
    }
    if (!isObj(v)) {
      errors.push(`${at}: must be a ${type} object`);
      return;
    }
    this.checkObject(v, this.object(type), at, profiles, errors);
  }
}

function merge(a: Attr | undefined, b: Attr): Attr {
  if (!a) return { ...b };
  const m: Attr = { ...a, ...b };
  if (a.enum || b.enum) m.enum = { ...a.enum, ...b.enum };
  return m;
}
