/**
 * Filling an action's parameters from a contact or company on a card: each parameter is mapped
 * once to an entity field. An action shows on a card only when every parameter can be filled.
 */
import type { ConnectorAction, EntityField } from './connector.ts';

export type EntityValues = Partial<Record<EntityField, string | null>>;

/** The parameter values for this entity, or null when some parameter has no mapping or no value. */
export function valuesFromEntity(action: Pick<ConnectorAction, 'parameters'>, entity: EntityValues): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const parameter of action.parameters) {
    const value = parameter.entityField ? entity[parameter.entityField] : null;
    if (value === null || value === undefined || value.trim() === '') return null;
    values[parameter.name] = value;
  }
  return values;
}
