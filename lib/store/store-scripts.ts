import 'server-only';
import type { Redis } from '@upstash/redis';

type Script = ReturnType<Redis['createScript']>;

const scripts = new WeakMap<Redis, Map<string, Script>>();

/**
 * A Lua script on a store, created once per client: it runs by EVALSHA and
 * falls back to EVAL (once) when the store does not have it yet.
 */
export function storeScript(store: Redis, source: string): Script {
  let own = scripts.get(store);
  if (!own) {
    own = new Map();
    scripts.set(store, own);
  }
  let script = own.get(source);
  if (!script) {
    script = store.createScript(source);
    own.set(source, script);
  }
  return script;
}
