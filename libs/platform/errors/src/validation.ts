import type { ValidationError } from 'class-validator';
import { AppError, type FieldError } from './app-error';
import { PlatformErrorCode } from './platform-errors';
import type { Language } from './language';

/** Japanese messages for class-validator constraints; a DTO may override with `context: { ja, en }`. */
const constraintMessagesJa: Record<string, string> = {
  whitelistValidation: 'この項目は指定できません。',
  isDefined: '必須項目です。',
  isNotEmpty: '必須項目です。',
  isString: '文字列で入力してください。',
  isInt: '整数で入力してください。',
  isNumber: '数値で入力してください。',
  isBoolean: 'true または false を指定してください。',
  isEmail: 'メールアドレスの形式が正しくありません。',
  isUuid: 'ID の形式が正しくありません。',
  isUUID: 'ID の形式が正しくありません。',
  isDateString: '日付は YYYY-MM-DD 形式で入力してください。',
  isISO8601: '日付は ISO 8601 形式（例: 2026-04-01）で入力してください。',
  isEnum: '指定できない値です。',
  isIn: '指定できない値です。',
  isArray: '配列で指定してください。',
  arrayMaxSize: '指定できる数を超えています。',
  arrayMinSize: '指定する数が足りません。',
  arrayUnique: '同じ値が重複しています。',
  minLength: '文字数が足りません。',
  maxLength: '文字数が多すぎます。',
  length: '文字数が正しくありません。',
  min: '値が小さすぎます。',
  max: '値が大きすぎます。',
  matches: '形式が正しくありません。',
  isObject: 'オブジェクトで指定してください。',
  nestedValidation: '入れ子の項目の形式が正しくありません。',
  unknownValue: '不明な値です。',
};

interface StoredFieldError extends FieldError {
  messages: Partial<Record<Language, string>>;
}

function flatten(errors: ValidationError[], parent = ''): StoredFieldError[] {
  const out: StoredFieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [code, enMessage] of Object.entries(error.constraints ?? {})) {
      const ctx = (error.contexts?.[code] ?? {}) as Partial<Record<Language, string>>;
      out.push({
        field,
        code,
        message: ctx.en ?? enMessage,
        messages: {
          ja: ctx.ja ?? constraintMessagesJa[code] ?? '入力値が正しくありません。',
          en: ctx.en ?? enMessage,
        },
      });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** `exceptionFactory` for the global ValidationPipe: every field problem, one AppError. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  return new AppError(PlatformErrorCode.VALIDATION_FAILED, {}, flatten(errors));
}

export function localizeFieldErrors(errors: FieldError[], lang: Language): FieldError[] {
  return errors.map((e) => {
    const stored = e as StoredFieldError;
    return {
      field: e.field,
      code: e.code,
      message: stored.messages?.[lang] ?? e.message,
    };
  });
}
