/**
 * Interaction fields a trigger condition may test (dotted paths into the posted interaction).
 * Attributes are flat and their names hold no "." (see free-form-keys), so one name follows.
 */
const FIELD =
  /^(type|channel|team|occurredAt|agent\.(id|name|email)|customer\.(id|locale|timezone)|attributes\.[A-Za-z0-9_-]{1,64})$/;

export function isTriggerField(field: string): boolean {
  return FIELD.test(field);
}
