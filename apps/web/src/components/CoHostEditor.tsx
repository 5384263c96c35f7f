import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { loadMunicipality } from '../regions';
import { MunicipalityPicker } from './MunicipalityPicker';

const MAX = 20; // CO_HOSTS_MAX in libs/projects

function MunicipalityItem({ code, removeLabel, onRemove }: { code: string; removeLabel(name: string): string; onRemove(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(code);
  useEffect(() => {
    loadMunicipality(code).then((m) => m && setName(m.name));
  }, [code]);
  return (
    <li className="cohost-list__item">
      <span>{name}</span>
      <button type="button" className="btn btn--secondary" aria-label={removeLabel(name)} onClick={onRemove}>
        {t('外す', 'Remove')}
      </button>
    </li>
  );
}

/** Texts of a MunicipalityListEditor (already translated). */
export interface MunicipalityListTexts {
  legend: string;
  addLabel: string;
  listLabel: string;
  empty: string;
  count(n: number): string;
  remove(name: string): string;
  duplicate: string;
  tooMany(max: number): string;
}

/**
 * A set of municipalities: the chosen ones as a list with remove buttons, plus the kana
 * MunicipalityPicker to add one. Duplicates, `excluded` and more than `max` are refused here as
 * well as by the API. `id` is the picker's input id (its error is tied to it).
 */
export function MunicipalityListEditor({
  id,
  value,
  onChange,
  texts,
  max,
  excluded,
  error,
}: {
  id: string;
  value: string[];
  onChange(codes: string[]): void;
  texts: MunicipalityListTexts;
  max: number;
  excluded?: { code: string; message: string };
  error?: string;
}) {
  const [note, setNote] = useState<string | null>(null);
  const add = (code: string | null) => {
    if (!code) return;
    if (excluded && code === excluded.code) setNote(excluded.message);
    else if (value.includes(code)) setNote(texts.duplicate);
    else if (value.length >= max) setNote(texts.tooMany(max));
    else {
      setNote(null);
      onChange([...value, code]);
    }
  };
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-summary`}>
      <legend>{texts.legend}</legend>
      <p id={`${id}-summary`} className="field__hint" aria-live="polite">
        {value.length === 0 ? texts.empty : texts.count(value.length)}
      </p>
      {value.length > 0 && (
        <ul className="cohost-list" aria-label={texts.listLabel}>
          {value.map((code) => (
            <MunicipalityItem key={code} code={code} removeLabel={texts.remove} onRemove={() => onChange(value.filter((c) => c !== code))} />
          ))}
        </ul>
      )}
      <MunicipalityPicker key={value.length} id={id} label={texts.addLabel} value={null} onChange={add} error={note ?? error} />
    </fieldset>
  );
}

/**
 * 広域連携の共催市区町村: the chosen municipalities as a list with remove buttons, plus the kana
 * MunicipalityPicker to add one. The host and duplicates are refused here as well as by the API.
 */
export function CoHostEditor({
  value,
  onChange,
  hostCode,
  error,
}: {
  value: string[];
  onChange(codes: string[]): void;
  hostCode: string;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <MunicipalityListEditor
      id="pj-cohost"
      value={value}
      onChange={onChange}
      max={MAX}
      excluded={{ code: hostCode, message: t('主催市区町村は共催に追加できません。', 'The host cannot also be a co-host.') }}
      error={error}
      texts={{
        legend: t('共催市区町村（広域連携）', 'Co-host municipalities (wide-area)'),
        addLabel: t('共催市区町村を追加', 'Add a co-host municipality'),
        listLabel: t('共催市区町村', 'Co-hosts'),
        empty: t('共催市区町村はありません。', 'No co-hosts.'),
        count: (n) => t(`共催 ${n} 件`, `${n} co-host(s)`),
        remove: (name) => t(`${name}を共催から外す`, `Remove ${name} from co-hosts`),
        duplicate: t('すでに共催に含まれています。', 'Already a co-host.'),
        tooMany: (max) => t(`共催は${max}件までです。`, `At most ${max} co-hosts.`),
      }}
    />
  );
}
