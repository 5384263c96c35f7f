import { NOTIFICATION_EVENT_TYPES } from './event-types';
import { renderNotification, TEMPLATES } from './templates';

describe('templates', () => {
  it('has Japanese and English text for every event type', () => {
    for (const t of NOTIFICATION_EVENT_TYPES) {
      expect(TEMPLATES[t].ja.subject).toMatch(/[぀-ヿ一-鿿]/);
      expect(TEMPLATES[t].en.subject).toMatch(/^\[Kakawari\]/);
    }
  });
  it('fills placeholders, with a readable fallback for missing titles', () => {
    expect(renderNotification('application.accepted', { projectTitle: '棚田' }).subject).toBe('【関わり】「棚田」への参加が決まりました');
    expect(renderNotification('application.accepted', {}, 'en').subject).toBe('[Kakawari] You are in: "a project"');
    expect(renderNotification('no.such.type', {}).subject).toBe('【関わり】お知らせ');
  });
});
