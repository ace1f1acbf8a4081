import { describe, expect, it } from 'vitest';
import { channelDraftOf, channelInputOf } from './channel-draft';

describe('the channel form draft', () => {
  it('sends the whole stored channel back, the halls it is present in included', () => {
    const stored = {
      code: 'SMS-HALL',
      name: '短信营业厅',
      nameEn: null,
      type: 'SMS_HALL',
      description: '发短信办理业务',
      hours: '7×24',
      alwaysOpen: true,
      services: ['PASSWORD_SERVICE'],
      access: [
        { kind: 'SMS', value: '10010', code: '401', meaning: '修改服务密码' },
        { kind: 'PHONE', value: '10010', code: null, meaning: null },
      ],
      halls: [{ code: 'HB-1' }],
    };
    expect(channelInputOf(channelDraftOf(stored))).toEqual({
      code: 'SMS-HALL',
      name: '短信营业厅',
      nameEn: null,
      type: 'SMS_HALL',
      description: '发短信办理业务',
      hours: '7×24',
      alwaysOpen: true,
      services: ['PASSWORD_SERVICE'],
      access: [
        { kind: 'SMS', value: '10010', code: '401', meaning: '修改服务密码' },
        { kind: 'PHONE', value: '10010', code: null, meaning: null },
      ],
      hallCodes: ['HB-1'],
    });
  });
});
