import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { loadMunicipality } from '../regions';
import { MunicipalityPicker } from './MunicipalityPicker';

const MAX = 20; // CO_HOSTS_MAX in libs/projects

function CoHostItem({ code, onRemove }: { code: string; onRemove(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(code);
  useEffect(() => {
    loadMunicipality(code).then((m) => m && setName(m.name));
  }, [code]);
  return (
    <li className="cohost-list__item">
      <span>{name}</span>
      <button type="button" className="btn btn--secondary" aria-label={t(`${name}を共催から外す`, `Remove ${name} from co-hosts`)} onClick={onRemove}>
        {t('外す', 'Remove')}
      </button>
    </li>
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
  const [note, setNote] = useState<string | null>(null);
  const add = (code: string | null) => {
    if (!code) return;
    if (code === hostCode) setNote(t('主催市区町村は共催に追加できません。', 'The host cannot also be a co-host.'));
    else if (value.includes(code)) setNote(t('すでに共催に含まれています。', 'Already a co-host.'));
    else if (value.length >= MAX) setNote(t(`共催は${MAX}件までです。`, `At most ${MAX} co-hosts.`));
    else {
      setNote(null);
      onChange([...value, code]);
    }
  };
  return (
    <fieldset className="fieldset" aria-describedby="pj-cohost-summary">
      <legend>{t('共催市区町村（広域連携）', 'Co-host municipalities (wide-area)')}</legend>
      <p id="pj-cohost-summary" className="field__hint" aria-live="polite">
        {value.length === 0 ? t('共催市区町村はありません。', 'No co-hosts.') : t(`共催 ${value.length} 件`, `${value.length} co-host(s)`)}
      </p>
      {value.length > 0 && (
        <ul className="cohost-list" aria-label={t('共催市区町村', 'Co-hosts')}>
          {value.map((code) => (
            <CoHostItem key={code} code={code} onRemove={() => onChange(value.filter((c) => c !== code))} />
          ))}
        </ul>
      )}
      <MunicipalityPicker key={value.length} id="pj-cohost" label={t('共催市区町村を追加', 'Add a co-host municipality')} value={null} onChange={add} error={note ?? error} />
    </fieldset>
  );
}
