import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

export function snakeCase(input: string): string {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

function tableNameOf(table: Table | string): string {
  const name = typeof table === 'string' ? table : table.name;
  return name.includes('.') ? name.split('.').pop()! : name;
}

/**
 * Explicit snake_case naming with readable, deterministic constraint names
 * (`pk_users`, `fk_memberships_user_id`, `uq_users_email`, `idx_projects_status`).
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snakeCase(className);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snakeCase(prefixes.concat('').join('_')) + (customName ?? snakeCase(propertyName));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snakeCase(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `pk_${tableNameOf(table)}`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `uq_${tableNameOf(table)}_${columnNames.join('_')}`.slice(0, 63);
  }

  override relationConstraintName(table: Table | string, columnNames: string[]): string {
    return `rel_${tableNameOf(table)}_${columnNames.join('_')}`.slice(0, 63);
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `fk_${tableNameOf(table)}_${columnNames.join('_')}`.slice(0, 63);
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return `idx_${tableNameOf(table)}_${columnNames.join('_')}`.slice(0, 63);
  }

  override checkConstraintName(table: Table | string, expression: string): string {
    const slug = snakeCase(expression.replace(/[^A-Za-z0-9_]+/g, '_')).replace(/_+/g, '_').slice(0, 40);
    return `chk_${tableNameOf(table)}_${slug}`.slice(0, 63);
  }
}
