/**
 * Numbers the JS objects jco uses for resources, so that traces name them by
 * stable `ResourceHandle`s instead of object identities.
 *
 * The first object a table sees is handle 1, the next 2, and so on; a number is
 * never reused, even after its object is dropped, so two runs that see the same
 * objects in the same order write the same handles.
 *
 * Each handle remembers the resource it was first seen as, when known, so that
 * a handle a trace hands out as another resource (an edited or corrupt trace)
 * is refused by name (`objectFor`) instead of reaching jco as the wrong object.
 * Resources compare without their package version: jco gives two versions of
 * one interface one class.
 *
 * Lifetimes: the table holds its objects strongly until `drop`. An `own` handle
 * lives until the side that owns it drops it (the engine calls `drop` when jco
 * disposes of the resource or when a trace says so). A `borrow` is only valid
 * during the call that lends it; jco may hand the same object as an owned
 * handle elsewhere, in which case it keeps one number. Engines that see many
 * short-lived borrowed objects should `drop` them when the call returns.
 */
import { ProxyComponentError } from '../errors.js';
import { declaredResourceName, type ResourceType } from '../wit/types.js';
import { ResourceHandle } from './value.js';

/** Makes the object that stands for a handle seen for the first time in a trace. */
export type ResourceFactory = (handle: ResourceHandle, resource: ResourceType) => object;

/** Told of each object the table numbers, with the resource it is an instance of. */
export type ResourceObserver = (object: object, resource: ResourceType) => void;

export class ResourceTable {
  private readonly handles = new Map<object, ResourceHandle>();
  private readonly objects = new Map<number, object>();
  private readonly resources = new Map<number, ResourceType>();
  private next = 1;

  /**
   * `factory`, when given, makes stand-in objects for handles a trace introduces
   * (see `materialize`); `observer` hears of every object numbered by `handleOf`.
   */
  constructor(
    private readonly factory?: ResourceFactory,
    private readonly observer?: ResourceObserver,
  ) {}

  /**
   * The object for a handle this table has not seen, made by the factory and
   * bound to the handle; undefined without a factory. Replay uses it when the
   * trace hands the component a resource that no live object stands for yet.
   */
  materialize(handle: ResourceHandle, resource: ResourceType): object | undefined {
    if (this.factory === undefined) return undefined;
    const object = this.factory(handle, resource);
    this.bind(handle, object, resource);
    return object;
  }

  /** The handle of `object`, numbering it (and keeping it) when first seen. */
  handleOf(object: object, resource?: ResourceType): ResourceHandle {
    let handle = this.handles.get(object);
    if (handle === undefined) {
      handle = new ResourceHandle(this.next++);
      this.handles.set(object, handle);
      this.objects.set(handle.id, object);
      if (resource !== undefined) {
        this.resources.set(handle.id, resource);
        this.observer?.(object, resource);
      }
    }
    return handle;
  }

  /** The handle of `object` if the table has it, without numbering it. */
  find(object: object): ResourceHandle | undefined {
    return this.handles.get(object);
  }

  /**
   * Binds a handle number read from a trace to the object that stands for it
   * now (replay). The number must be unused and the object unknown; later
   * unseen objects are numbered after the highest number bound so far.
   */
  bind(handle: ResourceHandle | number, object: object, resource?: ResourceType): ResourceHandle {
    const id = typeof handle === 'number' ? handle : handle.id;
    if (!Number.isSafeInteger(id) || id < 1) {
      throw new ProxyComponentError('VALUE_TYPE', `resource handle must be a positive integer, found ${id}`);
    }
    if (this.objects.has(id)) throw new ProxyComponentError('VALUE_TYPE', `resource handle ${id} is already bound`);
    if (this.handles.has(object)) {
      throw new ProxyComponentError('VALUE_TYPE', `object is already resource handle ${this.handles.get(object)?.id}`);
    }
    const bound = typeof handle === 'number' ? new ResourceHandle(id) : handle;
    this.handles.set(object, bound);
    this.objects.set(id, object);
    if (resource !== undefined) this.resources.set(id, resource);
    if (id >= this.next) this.next = id + 1;
    return bound;
  }

  /** The object a live handle stands for; VALUE_TYPE for an unknown or dropped handle. */
  objectOf(handle: ResourceHandle | number): object {
    const id = typeof handle === 'number' ? handle : handle.id;
    const object = this.objects.get(id);
    if (object === undefined) throw new ProxyComponentError('VALUE_TYPE', `unknown or dropped resource handle ${id}`);
    return object;
  }

  /**
   * The object of a live handle that must be an instance of `resource`:
   * VALUE_TYPE for an unknown or dropped handle, or one first seen as another resource.
   */
  objectFor(handle: ResourceHandle | number, resource: ResourceType): object {
    const id = typeof handle === 'number' ? handle : handle.id;
    const object = this.objectOf(id);
    const known = this.resources.get(id);
    if (known !== undefined && known.id !== resource.id && versionless(known.id) !== versionless(resource.id)) {
      throw new ProxyComponentError('VALUE_TYPE', `resource handle #${id} was made as \`${declaredResourceName(known)}\`, not \`${declaredResourceName(resource)}\``);
    }
    return object;
  }

  /** The resource a live handle was first seen as, when known. */
  resourceOf(handle: ResourceHandle | number): ResourceType | undefined {
    return this.resources.get(typeof handle === 'number' ? handle : handle.id);
  }

  has(handle: ResourceHandle | number): boolean {
    return this.objects.has(typeof handle === 'number' ? handle : handle.id);
  }

  /** Forgets a handle (its object is released); false if it was not live. The number is not reused. */
  drop(handle: ResourceHandle | number): boolean {
    const id = typeof handle === 'number' ? handle : handle.id;
    const object = this.objects.get(id);
    if (object === undefined) return false;
    this.objects.delete(id);
    this.resources.delete(id);
    this.handles.delete(object);
    return true;
  }

  /** The number the next object this table numbers will get. */
  peekNext(): number {
    return this.next;
  }

  /** Number of live handles. */
  get size(): number {
    return this.objects.size;
  }
}

/** `wasi:io/streams@0.2.12#input-stream` -> `wasi:io/streams#input-stream`. */
function versionless(resourceId: string): string {
  return resourceId.replace(/@[^#]*#/, '#');
}
