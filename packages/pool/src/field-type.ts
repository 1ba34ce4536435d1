/**
 * Field types of a struct pool and the typed arrays that hold them.
 * @module
 */

/**
 * The type of one struct-pool field, named after the typed array that stores it:
 * `u8` → `Uint8Array`, `i8` → `Int8Array`, `u16`, `i16`, `u32`, `i32`, `f32` → `Float32Array`,
 * `f64` → `Float64Array`. Writes follow typed-array rules (wrap for integers,
 * rounding for `f32`); store handles of other pools in `u32` or `i32`.
 */
export type FieldType = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64";

/** Any of the typed arrays a field can live in. */
export type FieldArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Constructor of the typed array for each field type. */
export const FIELD_ARRAY: Readonly<Record<FieldType, new (length: number) => FieldArray>> = {
  u8: Uint8Array,
  i8: Int8Array,
  u16: Uint16Array,
  i16: Int16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
};

/** Bytes per slot of each field type. */
export const FIELD_BYTES: Readonly<Record<FieldType, number>> = {
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  f64: 8,
};

/** Whether `value` is one of the eight field type names. */
export function isFieldType(value: unknown): value is FieldType {
  return typeof value === "string" && Object.hasOwn(FIELD_ARRAY, value);
}
