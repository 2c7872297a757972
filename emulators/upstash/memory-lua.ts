/**
 * EVAL, EVALSHA and SCRIPT for the in-memory backend, on fengari (the Lua
 * that ioredis-mock uses). ioredis-mock's own EVAL sends redis.call straight
 * to its command table, past every fix the backend makes (option case,
 * WRONGTYPE, integer checks), and converts replies unlike Redis; here
 * redis.call goes through the backend like any other command, and values
 * cross between Lua and Redis by Redis's rules.
 *
 * One Lua state serves every script, compiled once and kept by SHA1 of the
 * text the caller sent, as Redis keeps its script cache.
 */
import { lauxlib, lua, lualib, to_luastring, type LuaState } from 'fengari';
import { sha1, withShebangAsComment } from './lua-shebang';
import { checkArity } from './redis-command-table';
import { parseInt64 } from './redis-numbers';
import { ReplyError, type Command, type Reply } from './reply';
import { isUnsupported } from './rest-unsupported';

const CHUNK_NAME = to_luastring('@user_script');
const NOT_IN_SCRIPTS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script']);
const NO_SCRIPT = () => new ReplyError('NOSCRIPT No matching script. Please use EVAL.');

/** Lua 5.1 names Redis scripts expect, and no file access. */
const PRELUDE = 'unpack = table.unpack; loadstring = load; dofile = nil; loadfile = nil';

function pushTable(L: LuaState, field: 'ok' | 'err', text: string): void {
  lua.lua_createtable(L, 0, 1);
  lua.lua_pushstring(L, text);
  lua.lua_setfield(L, -2, field);
}

/** A reply as redis.call hands it to Lua: nil is false, status and errors are tables. */
function pushReply(L: LuaState, reply: Reply): void {
  if (reply === null) lua.lua_pushboolean(L, false);
  else if (typeof reply === 'number') {
    if (Number.isSafeInteger(reply)) lua.lua_pushinteger(L, reply);
    else lua.lua_pushnumber(L, reply);
  } else if (typeof reply === 'string') pushTable(L, 'ok', reply);
  else if (reply instanceof ReplyError) pushTable(L, 'err', reply.message);
  else if (Buffer.isBuffer(reply)) lua.lua_pushstring(L, reply);
  else {
    lua.lua_createtable(L, reply.length, 0);
    reply.forEach((item, i) => {
      pushReply(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  }
}

function stringField(L: LuaState, index: number, field: string): string | null {
  lua.lua_getfield(L, index, field);
  const value = lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tolstring(L, -1) : null;
  lua.lua_pop(L, 1);
  return value ? Buffer.from(value).toString('utf8') : null;
}

/** A Lua value as Redis returns it from a script: numbers truncated, true is 1, false nil. */
function toReply(L: LuaState, index: number): Reply {
  const at = index < 0 ? lua.lua_gettop(L) + index + 1 : index;
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TNUMBER:
      return Math.trunc(lua.lua_tonumber(L, at));
    case lua.LUA_TSTRING:
      return Buffer.from(lua.lua_tolstring(L, at)!);
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, at) ? 1 : null;
    case lua.LUA_TTABLE: {
      const error = stringField(L, at, 'err');
      if (error !== null) return new ReplyError(error);
      const status = stringField(L, at, 'ok');
      if (status !== null) return status;
      const items: Reply[] = [];
      // Redis stops at the first nil, as Lua's length operator may not.
      for (let i = 1; lua.lua_rawgeti(L, at, i) !== lua.LUA_TNIL; i++) {
        items.push(toReply(L, -1));
        lua.lua_pop(L, 1);
      }
      lua.lua_pop(L, 1);
      return items;
    }
    default:
      return null;
  }
}

function setGlobalArray(L: LuaState, name: string, values: Buffer[]): void {
  lua.lua_createtable(L, values.length, 0);
  values.forEach((value, i) => {
    lua.lua_pushstring(L, value);
    lua.lua_rawseti(L, -2, i + 1);
  });
  lua.lua_setglobal(L, name);
}

/** Arguments of redis.call: strings, or numbers printed as Redis prints them. */
function readArguments(L: LuaState): Command | ReplyError {
  const count = lua.lua_gettop(L);
  if (count === 0) {
    return new ReplyError('ERR Please specify at least one argument for this redis lib call');
  }
  const argv: Command = [];
  for (let i = 1; i <= count; i++) {
    const type = lua.lua_type(L, i);
    if (type === lua.LUA_TSTRING) argv.push(Buffer.from(lua.lua_tolstring(L, i)!));
    else if (type === lua.LUA_TNUMBER) argv.push(Buffer.from(String(lua.lua_tonumber(L, i))));
    else return new ReplyError('ERR Lua redis lib command arguments must be strings or integers');
  }
  return argv;
}

export class MemoryLua {
  private readonly L: LuaState;
  /** SHA1 of the caller's script text → the compiled function's registry reference. */
  private readonly scripts = new Map<string, number>();
  /** Where the running script failed, set by the error handler. */
  private errorLine = 0;

  constructor(private readonly run: (command: Command) => Reply) {
    const L = (this.L = lauxlib.luaL_newstate());
    for (const [name, open] of [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string],
      ['math', lualib.luaopen_math],
    ] as const) {
      lauxlib.luaL_requiref(L, name, open, 1);
      lua.lua_pop(L, 1);
    }
    lauxlib.luaL_loadbuffer(L, to_luastring(PRELUDE), null, '=prelude');
    lua.lua_pcall(L, 0, 0, 0);
    this.defineRedisLibrary();
  }

  private defineRedisLibrary(): void {
    const L = this.L;
    lua.lua_createtable(L, 0, 10);
    const define = (name: string, fn: (L: LuaState) => number) => {
      lua.lua_pushjsfunction(L, fn);
      lua.lua_setfield(L, -2, name);
    };
    define('call', (L) => this.redisCall(L, true));
    define('pcall', (L) => this.redisCall(L, false));
    define('error_reply', (L) => {
      pushTable(L, 'err', Buffer.from(lua.lua_tolstring(L, 1) ?? []).toString('utf8'));
      return 1;
    });
    define('status_reply', (L) => {
      pushTable(L, 'ok', Buffer.from(lua.lua_tolstring(L, 1) ?? []).toString('utf8'));
      return 1;
    });
    define('sha1hex', (L) => {
      lua.lua_pushstring(L, sha1(Buffer.from(lua.lua_tolstring(L, 1) ?? [])));
      return 1;
    });
    define('log', () => 0);
    define('replicate_commands', (L) => {
      lua.lua_pushboolean(L, true);
      return 1;
    });
    ['LOG_DEBUG', 'LOG_VERBOSE', 'LOG_NOTICE', 'LOG_WARNING'].forEach((level, i) => {
      lua.lua_pushinteger(L, i);
      lua.lua_setfield(L, -2, level);
    });
    lua.lua_setglobal(L, 'redis');
  }

  private redisCall(L: LuaState, raise: boolean): number {
    const argv = readArguments(L);
    const reply = argv instanceof ReplyError ? argv : this.runFromScript(argv);
    if (reply instanceof ReplyError && raise) {
      pushTable(L, 'err', reply.message);
      return lua.lua_error(L);
    }
    pushReply(L, reply);
    return 1;
  }

  private runFromScript(argv: Command): Reply {
    const name = argv[0]!.toString('utf8').toLowerCase();
    if (NOT_IN_SCRIPTS.has(name) || isUnsupported(name)) {
      return new ReplyError('ERR This Redis command is not allowed from script');
    }
    const refused = checkArity(
      name,
      argv.slice(1).map((arg) => arg.toString('utf8')),
    );
    if (refused) {
      return new ReplyError(
        refused.message.startsWith('ERR unknown command')
          ? 'ERR Unknown Redis command called from script'
          : 'ERR Wrong number of args calling Redis command from script',
      );
    }
    return this.run(argv);
  }

  /** Records the line of the script where an error was raised, for Redis's error text. */
  private readonly onError = (L: LuaState): number => {
    const frame = new lua.lua_Debug();
    this.errorLine = 0;
    for (let level = 1; lua.lua_getstack(L, level, frame); level++) {
      lua.lua_getinfo(L, 'Sl', frame);
      if (frame.currentline > 0) {
        this.errorLine = frame.currentline;
        break;
      }
    }
    return 1;
  };

  private compile(script: Buffer): string | ReplyError {
    const sha = sha1(script);
    if (this.scripts.has(sha)) return sha;
    const L = this.L;
    const source = Buffer.from(withShebangAsComment(script.toString('utf8')));
    if (lauxlib.luaL_loadbuffer(L, source, source.length, CHUNK_NAME) !== lua.LUA_OK) {
      const message = Buffer.from(lua.lua_tolstring(L, -1) ?? []).toString('utf8');
      lua.lua_pop(L, 1);
      return new ReplyError(`ERR Error compiling script (new function): ${message}`);
    }
    this.scripts.set(sha, lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX));
    return sha;
  }

  private execute(sha: string, numkeys: Buffer | undefined, args: Buffer[]): Reply {
    const count = parseInt64(numkeys?.toString('utf8'));
    if (count === null) return new ReplyError('ERR value is not an integer or out of range');
    if (count < 0n) return new ReplyError("ERR Number of keys can't be negative");
    if (count > BigInt(args.length)) {
      return new ReplyError("ERR Number of keys can't be greater than number of args");
    }
    const L = this.L;
    const base = lua.lua_gettop(L);
    setGlobalArray(L, 'KEYS', args.slice(0, Number(count)));
    setGlobalArray(L, 'ARGV', args.slice(Number(count)));
    lua.lua_pushjsfunction(L, this.onError);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.scripts.get(sha)!);
    try {
      if (lua.lua_pcall(L, 0, 1, base + 1) === lua.LUA_OK) return toReply(L, -1);
      return this.scriptError(sha);
    } finally {
      lua.lua_settop(L, base);
    }
  }

  /** The error on top of the stack, worded as Redis 7.0 words it. */
  private scriptError(sha: string): ReplyError {
    const L = this.L;
    const where = ` script: ${sha}, on @user_script:${this.errorLine}.`;
    if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      const error = stringField(L, -1, 'err');
      if (error !== null) return new ReplyError(error + where);
    }
    const text = lua.lua_tolstring(L, -1);
    return new ReplyError(
      `ERR ${text ? Buffer.from(text).toString('utf8') : 'unknown error'}${where}`,
    );
  }

  eval([script, numkeys, ...args]: Command): Reply {
    const sha = this.compile(script!);
    return sha instanceof ReplyError ? sha : this.execute(sha, numkeys, args);
  }

  evalsha([rawSha, numkeys, ...args]: Command): Reply {
    const sha = rawSha!.toString('utf8').toLowerCase();
    return this.scripts.has(sha) ? this.execute(sha, numkeys, args) : NO_SCRIPT();
  }

  script([rawSubcommand, ...args]: Command): Reply {
    const subcommand = rawSubcommand!.toString('utf8').toLowerCase();
    if (subcommand === 'load' && args.length === 1) {
      const sha = this.compile(args[0]!);
      return sha instanceof ReplyError ? sha : Buffer.from(sha);
    }
    if (subcommand === 'exists' && args.length > 0) {
      return args.map((sha) => (this.scripts.has(sha.toString('utf8').toLowerCase()) ? 1 : 0));
    }
    if (subcommand === 'flush' && args.length <= 1) {
      for (const ref of this.scripts.values())
        lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref);
      this.scripts.clear();
      return 'OK';
    }
    if (['load', 'exists', 'flush'].includes(subcommand)) {
      return new ReplyError(`ERR wrong number of arguments for 'script|${subcommand}' command`);
    }
    return new ReplyError(`ERR unknown subcommand '${subcommand}'. Try SCRIPT HELP.`);
  }
}
