/**
 * Types for the part of fengari (Lua 5.3 in JavaScript, the interpreter
 * ioredis-mock runs scripts on) that the in-memory backend's Lua uses.
 * Lua strings are byte arrays.
 */
declare module 'fengari' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export type LuaFunction = (L: LuaState) => number;
  export class lua_Debug {
    currentline: number;
    short_src: LuaString;
  }

  export const lua: {
    LUA_OK: number;
    LUA_REGISTRYINDEX: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TNUMBER: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    lua_Debug: typeof lua_Debug;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, index: number): void;
    lua_pop(L: LuaState, n: number): void;
    lua_type(L: LuaState, index: number): number;
    lua_pushnil(L: LuaState): void;
    lua_pushboolean(L: LuaState, value: boolean): void;
    lua_pushinteger(L: LuaState, value: number): void;
    lua_pushnumber(L: LuaState, value: number): void;
    lua_pushstring(L: LuaState, value: LuaString | string): LuaString;
    lua_pushjsfunction(L: LuaState, fn: LuaFunction): void;
    lua_pushvalue(L: LuaState, index: number): void;
    lua_createtable(L: LuaState, narray: number, nrecords: number): void;
    lua_setfield(L: LuaState, index: number, key: LuaString | string): void;
    lua_getfield(L: LuaState, index: number, key: LuaString | string): number;
    lua_rawseti(L: LuaState, index: number, n: number): void;
    lua_rawgeti(L: LuaState, index: number, n: number): number;
    lua_setglobal(L: LuaState, name: LuaString | string): void;
    lua_getglobal(L: LuaState, name: LuaString | string): number;
    lua_toboolean(L: LuaState, index: number): boolean;
    lua_tonumber(L: LuaState, index: number): number;
    lua_tolstring(L: LuaState, index: number): LuaString | null;
    lua_pcall(L: LuaState, nargs: number, nresults: number, handler: number): number;
    lua_error(L: LuaState): never;
    lua_getstack(L: LuaState, level: number, ar: lua_Debug): number;
    lua_getinfo(L: LuaState, what: LuaString | string, ar: lua_Debug): number;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbuffer(
      L: LuaState,
      buffer: LuaString,
      size: number | null,
      chunkname: LuaString | string,
    ): number;
    luaL_requiref(L: LuaState, name: LuaString | string, open: LuaFunction, global: number): void;
    luaL_ref(L: LuaState, table: number): number;
    luaL_unref(L: LuaState, table: number, ref: number): void;
  };

  export const lualib: {
    luaopen_base: LuaFunction;
    luaopen_table: LuaFunction;
    luaopen_string: LuaFunction;
    luaopen_math: LuaFunction;
  };

  export function to_luastring(text: string): LuaString;
  export function to_jsstring(bytes: LuaString): string;
}
