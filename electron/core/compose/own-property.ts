/**
 * Sets an own property even when the key is `__proto__`: compose files and env files are input, and a key
 * named that way must stay data instead of replacing an object's prototype.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
