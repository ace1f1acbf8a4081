import type { SeedArticle } from './types.js';

/** English translations of Chinese articles (same slug). */
export const englishArticles: SeedArticle[] = [
  {
    slug: 'broadband-cannot-connect-triage',
    locale: 'en',
    title: 'Broadband will not connect: triage by dial-up error code',
    summary:
      'When a customer cannot get online, first get the dial-up error code shown on the computer, then follow the article for that code; with no code, treat it as the "no error code" case.',
    body: `## When to use

A customer calls or visits a hall saying the broadband "won't connect" or "dial-up fails". Almost every failed dial-up shows a three-digit error code, and that code tells you where to start.

## Three questions to ask first

1. Does the message on the computer show a number? Ask the customer to read it digit by digit.
2. Is the computer plugged straight into the modem, or is there a router in between?
3. When did it start? Was there a power cut, was equipment moved, or was the password changed?

## Triage by code

| Code | Usual meaning | What to do |
| --- | --- | --- |
| 678, 651 | Remote computer does not answer; usually a transient modem problem | [Dial-up error 678/651](broadband-error-678-651) |
| 691, 619, 629 | Wrong user name or password, account in arrears, or account still online | [Dial-up error 691/619/629](broadband-error-691-619-629) |
| 676 | Too many dial attempts | Power everything off, wait 10 minutes, restart |
| 796 | Network adapter disabled or driver missing | Enable the local connection; otherwise check the adapter |
| 734 | The dial-up connection itself is broken | Create a new connection; many at once means an upstream fault |
| none | No dial-up connection set up, or a router in between | Connect the PC directly to the modem to see the code |

## General reminders

- Confirm the customer's identity before discussing the account or password.
- Many transient faults clear after a proper restart: see the [modem restart guide](modem-restart-guide).
- If many customers in one area report the same code at the same time, do not troubleshoot them one by one: escalate.`,
    category: 'broadband',
    tags: ['broadband', 'dial-up', 'triage', 'error code'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['broadband-error-678-651', 'broadband-error-691-619-629', 'modem-restart-guide'],
    owner: 'editor-li',
  },
  {
    slug: 'broadband-error-678-651',
    locale: 'en',
    title: 'Broadband dial-up error 678/651: remote computer does not respond',
    summary:
      'Errors 678 and 651 mean the dial-up request got no answer. It is usually transient (the modem was dialled right after power-on, or hung after running a long time): restart it and check the line.',
    body: `## Symptom

Dialling fails with "error 678" or "error 651": the request went out but the remote computer never answered.

## Usual causes

- The modem was dialled immediately after it was powered on, before it was ready;
- The modem has been running for a long time and has hung;
- The indoor line is loose, or the cable is not in the modem's LINE port.

## Steps

1. Ask the customer to close the dial-up window, unplug the modem's power, wait a moment and plug it back in.
2. Wait until the modem's lights are steady before dialling again.
3. If it still fails, check the indoor wiring for loose or damaged sections and make sure the incoming line sits in the modem's LINE port; push both ends of the network cable home.
4. Try another network cable or another computer to rule out the PC.

## What to ask the customer

- What do the modem lights show now? Was there a power cut recently?
- Has anything been moved or renovated at home?
- Does it fail every time, or does it sometimes connect?

## When to escalate

If 678/651 persists after a restart and a line check, or several households in the same area report it, raise a fault work order for a line technician and tell the customer how to follow its progress.`,
    category: 'broadband/dial-up-errors',
    tags: ['broadband', 'dial-up', 'modem', 'line'],
    errorCodes: ['678', '651'],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['modem-restart-guide', 'broadband-cannot-connect-triage'],
    owner: 'editor-li',
  },
  {
    slug: 'broadband-error-691-619-629',
    locale: 'en',
    title: 'Broadband dial-up error 691/619/629: wrong user name or password, or account in arrears',
    summary:
      'Errors 691, 619 and 629 come from a mistyped user name or password, an account in arrears or an expired package, or an account still online elsewhere. Fix each cause in turn.',
    body: `## Symptom

Dialling fails with 691, 619 or 629: authentication was refused.

## Usual causes

1. The user name or password was typed wrongly (case, extra spaces, wrong letters);
2. The account is in arrears, or a prepaid package has expired;
3. The account is still online somewhere else (for example the last session was not released after a drop).

## Steps

1. **Re-enter the credentials**: delete the saved password and type it again carefully, watching case and input method.
2. **Check the account**: confirm the customer's identity, then check for arrears and package expiry.
   - Expired package: the customer renews it at a business hall;
   - Disputed charges or a billing adjustment: route to the marketing department; do not promise an adjustment yourself.
3. **Forgotten password**: a broadband password reset requires the account holder's ID document, so the holder must apply in person.
4. **Account still online**: back-office staff look the session up in the AAA system, reset it if it is stale, and the customer dials again.

## What to ask the customer

- Was the password changed recently? Is it typed or saved?
- When was the last payment? Is the package prepaid for a year?
- Is another device (such as a router) dialling with the same account?

## When to escalate

If credentials and account are fine and the AAA session reset did not help, raise a work order for the back office to check the authentication data.`,
    category: 'broadband/dial-up-errors',
    tags: ['broadband', 'dial-up', 'password', 'arrears', 'AAA'],
    errorCodes: ['691', '619', '629'],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['broadband-cannot-connect-triage', 'broadband-error-678-651'],
    owner: 'editor-li',
  },
  {
    slug: 'modem-restart-guide',
    locale: 'en',
    title: 'How to restart the modem properly',
    summary:
      'Many transient broadband faults disappear after a proper modem restart. This guide gives the right order and the common mistakes, for agents talking customers through it.',
    body: `## Why restart

After running for a long time a modem can hang: the lights look normal but dialling fails. In practice, a dial-up that reports 678 very often works again once the modem has been restarted, and after too many dial attempts everything has to be powered off for a while anyway.

## The right order

1. Close the dial-up window on the computer and stop dialling.
2. Unplug the modem's power (and the router's, if there is one).
3. Wait before plugging back in; if the customer was told there were too many dial attempts, leave everything off for 10 minutes.
4. Power the modem first and wait until its lights are steady.
5. Then power the router, and finally dial from the computer.

## Common mistakes

- **Dialling straight after power-on**: the modem is not ready yet; wait for steady lights.
- **Restarting only the router**: the modem was never restarted, so nothing changes.
- **Pulling cables in and out repeatedly**: it makes the fault harder to read; do one complete restart in order first.

## Still not working

Ask the customer to note the error code that appears and follow the article for that code; also check that the incoming line sits in the modem's LINE port.`,
    category: 'broadband/troubleshooting',
    tags: ['broadband', 'modem', 'restart'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['broadband-error-678-651', 'broadband-cannot-connect-triage'],
    owner: 'editor-li',
  },
  {
    slug: 'service-password-reset',
    locale: 'en',
    title: 'Forgot the service password? Password reset and password change',
    summary:
      'To reset a forgotten mobile service password, text 405 to the hotline number; to change a password you still know, text 401 or call 1001031 for the voice service.',
    body: `## Two different situations

| Situation | What to do |
| --- | --- |
| The customer has forgotten the service password | Password reset: text **405** to the hotline number |
| The customer knows it and wants a new one | Password change: text **401**, or call **1001031** (voice) |

## Password reset (405)

1. From the handset whose password is concerned, text "405" to the hotline number (for example 10010).
2. Follow the instructions in the reply.
3. When the reset is done, log in to the mobile or web business hall with the new password to check it.

## Password change (401 or 1001031)

1. By SMS: text "401" to the hotline number and follow the prompts.
2. By voice: call 1001031 and follow the voice menu.

## Choosing a password

- Avoid birthdays and repeated or consecutive digits;
- Never share it; agents will never ask the customer for it.

## When SMS is not possible

If the handset is not at hand or cannot send texts, the customer can have the account holder's identity verified at a business hall and reset it there.

## Do not confuse

The mobile service password is not the broadband dial-up password. A broadband password reset requires the account holder's ID document.`,
    category: 'channels/electronic/service-codes',
    tags: ['password reset', 'service password', 'SMS'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['sms-service-codes', 'mobile-business-hall'],
    owner: 'editor-zhang',
  },
  {
    slug: 'sms-service-codes',
    locale: 'en',
    title: 'SMS business hall codes: 401 change password, 405 reset password, 406 mobile hall link',
    summary:
      'Customers can text a service code to the hotline number: 401 changes the service password, 405 resets it, 406 returns the mobile business hall download link; 1001031 changes the password by voice.',
    body: `## Codes

| Code | Function | How |
| --- | --- | --- |
| 401 | Change the service password | Text to the hotline number |
| 405 | Reset the password | Text to the hotline number |
| 406 | Get the mobile business hall download link | Text to the hotline number |
| 1001031 | Change the password by voice | Call 1001031 and follow the prompts |

## How to use them

1. Send the text from the handset the request is about.
2. Put only the code in the message and send it to the operator's hotline number (for example 10010).
3. Follow the instructions in the reply.

## Notes

- These are service codes, not error codes; they have nothing to do with broadband dial-up errors such as 678 or 691.
- Use 405 when the old password is forgotten; 401 is for changing a password the customer knows.
- The broadband dial-up password cannot be handled with these codes.

## Tip for agents

When a caller only wants to change a password or install the mobile business hall, give them the code: doing it themselves is faster than waiting on the line.`,
    category: 'channels/electronic/service-codes',
    tags: ['SMS', 'service codes', 'password'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['service-password-reset', 'mobile-business-hall'],
    owner: 'editor-zhang',
  },
  {
    slug: 'mobile-business-hall',
    locale: 'en',
    title: 'What the mobile business hall does: app and WAP site',
    summary:
      'The mobile business hall shows balance, bills, itemised bills, package usage and points, and handles package changes, orders and top-ups. The app needs a smartphone; the WAP site works on any handset but asks for number and password at every login.',
    body: `## Functions

- Balance and bill query;
- Itemised bill (calls, data and so on);
- Package change;
- Business handling (ordering services);
- Points query;
- Package-usage query;
- Payment and top-up.

## App or WAP site

| | App | WAP site |
| --- | --- | --- |
| Handset | Needs a smartphone | Any handset that can browse |
| Experience | Convenient | Works, but more steps |
| Login | Easier once installed | Number and password at every login |

## Getting the app

Text **406** to the hotline number to receive the download link.

## Frequent questions

- **Why does the WAP site keep asking for the password?** That is how the WAP site works; smartphone users who find it tedious can switch to the app.
- **Forgot the password?** Text 405 to reset it; text 401 to change a password the customer still knows.
- **Basic phone?** The app cannot be installed, but the WAP site and the SMS business hall work.

## Tip for agents

When a caller only wants a balance, a bill or remaining allowance, answer first and then mention the mobile business hall for next time.`,
    category: 'channels/electronic',
    tags: ['mobile hall', 'app', 'electronic channels'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['sms-service-codes', 'service-password-reset', 'service-channel-overview'],
    owner: 'editor-zhang',
  },
  {
    slug: 'complaint-grades-deadlines',
    locale: 'en',
    title: 'Complaint grades and answer deadlines: general, provincial, national',
    summary:
      'Complaints come in three grades. The promised average answer time is immediate, 24 h and 48 h; the latest answer time is 24 h, 48 h and 72 h respectively.',
    body: `## Deadlines promised to customers

| Grade | Average answer | Latest answer |
| --- | --- | --- |
| General complaint | Immediate | 24 hours |
| Provincial complaint | 24 hours | 48 hours |
| National complaint | 48 hours | 72 hours |

## Reading the table

- The **average** answer time is what most complaints should achieve; the **latest** answer time is the limit that must never be exceeded.
- A general complaint is answered on the spot where possible, and in any case within 24 hours.
- Higher grades involve more departments, so the limits are longer, but they must still be met.

## For agents

1. Choose the grade carefully on the work order; deadlines are counted from it.
2. When the case is handed on, tell the customer when to expect an answer, never later than the grade's latest time.
3. If a deadline is approaching and the case is still open, chase it or escalate; do not let it run over.
4. An answer means a solution or a clear conclusion, not just an acknowledgement.

## Related principles

First-contact responsibility applies: whoever takes the complaint follows it until it is closed.`,
    category: 'complaints/grades-deadlines',
    tags: ['complaints', 'deadlines', 'grades'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['phone-complaint-steps'],
    owner: 'editor-wang',
  },
  {
    slug: 'phone-complaint-steps',
    locale: 'en',
    title: 'Handling a complaint by phone in six steps',
    summary:
      'Listen, apologise, record and read back, answer with a solution or a deadline, apologise again, and let the customer hang up first.',
    body: `## The six steps

1. **Listen**
   Let the customer finish without interrupting or rushing to explain. Short acknowledgements show you are paying attention.
2. **Apologise**
   Say you are sorry for the trouble. Calm the feelings first, then solve the problem.
3. **Record and read back**
   Note the key points while listening, then repeat the problem and the request back to the customer to confirm.
4. **Answer**
   Give a solution if you can; otherwise explain how it will be handled and by when the customer will hear back.
5. **Apologise again**
   Before ending, apologise once more for the inconvenience and thank the customer for the feedback.
6. **Let the customer hang up first**
   Only put the phone down after the customer has.

## Common mistakes

| Mistake | Instead |
| --- | --- |
| Explaining before the customer has finished | Listen fully, then read back |
| "We can't deal with that" | Take responsibility; say who will handle it and when |
| Arguing about who is right | Never argue; apologise when the company is at fault |
| Hanging up first | Wait for the customer |

## After the call

Record the call and fill in the complaint work order straight away, while the details are fresh.`,
    category: 'complaints/intake-process',
    tags: ['complaints', 'phone', 'steps'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['complaint-grades-deadlines', 'phone-etiquette'],
    owner: 'editor-wang',
  },
  {
    slug: 'hall-classification',
    locale: 'en',
    title: 'Three ways to classify business halls: function, operator, location',
    summary:
      'Every owned hall has one value on each axis: flagship, standard or small by function; self- or partner-operated by operator; urban or township by location. A township hall is always a small hall.',
    body: `## Three independent axes

Each hall takes one value on each axis, for example "urban + self-operated + flagship" or "township + partner-operated + small".

## By function

| Type | Profile |
| --- | --- |
| Flagship hall | Large showcase and experience centre for all customers, full brand image, marketing, sales and service |
| Standard hall | Regular outlet with the same three functions; may also host regional marketing and account managers' local service |
| Small hall | In a community or a special area (campus, rural); basic services only, such as payments and business acceptance; small floor area and service radius |

## By operator

| Type | Meaning |
| --- | --- |
| Self-operated | Operator-owned premises run by the operator |
| Partner-operated | Operator-owned premises run by an authorised partner; the partner is recorded |

## By location

| Type | Meaning |
| --- | --- |
| Urban hall | Inside a city district at county level or above |
| Township hall | Below county level (rural) |

**Rule: a township hall is always a small hall.**

## Note

The "Wo" brand stores opened in 2009 have been re-classed as flagship or standard halls.`,
    category: 'halls/classification',
    tags: ['halls', 'classification', 'flagship', 'township'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['service-channel-overview'],
    owner: 'editor-zhang',
  },
  {
    slug: 'service-channel-overview',
    locale: 'en',
    title: 'The service-channel system at a glance: owned and third-party channels',
    summary:
      'Service channels are either owned by the operator (physical, direct sales, electronic) or run by third parties (cooperative halls, franchise stores, agent points).',
    body: `## Structure

### Owned channels

**Physical**: owned business halls; 3G brand stores; customer clubs.

**Direct sales**: group-customer account managers; SME account managers; VIP account managers; community managers.

**Electronic**:

- customer hotline (such as 10010 / 10000 / 10086);
- online customer service and Weibo customer service;
- web business hall, SMS business hall, mobile business hall (app and WAP site);
- self-service stores, self-service terminals and MINI terminals.

### Third-party (social) channels

- cooperative halls;
- franchise stores;
- agent points.

## Which channel to suggest

| Customer need | Suggest |
| --- | --- |
| Check the bill or usage, pay or top up | Mobile, web or SMS business hall |
| Try a new handset, complex business | A flagship or standard hall |
| Enterprise or group business | The customer's account manager |
| Pay a bill or do something simple nearby | A small hall or a third-party outlet |

## Note

A partner-operated hall is still an owned hall: the premises belong to the operator even though a partner runs it. Third-party channels are run, and usually owned, by others.`,
    category: 'channels',
    tags: ['channels', 'electronic channels', 'halls'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['hall-classification', 'mobile-business-hall', 'sms-service-codes'],
    owner: 'editor-zhang',
  },
  {
    slug: 'phone-etiquette',
    locale: 'en',
    title: 'Phone etiquette: six essentials',
    summary:
      'Greet at once, never leave the caller waiting, confirm you understood, ask about other needs, let the customer hang up first, and note the call straight afterwards.',
    body: `## The six essentials

1. **Greet at once**
   Greet the caller as soon as the line opens; no silence at the start.
2. **Never leave the caller waiting**
   Avoid holds. If you must look something up, say why and roughly how long, and check back regularly.
3. **Confirm you understood**
   Repeat the problem in your own words before you answer.
4. **Ask about other needs**
   Once the issue is solved, ask whether there is anything else you can help with.
5. **Let the customer hang up first**
   Say goodbye and wait for the customer to end the call.
6. **Note the call straight away**
   Record what was asked and what was done right after hanging up; open a work order if follow-up is needed.

## Habits to drop

| Habit | Better |
| --- | --- |
| Finishing something else before greeting | Greet immediately |
| Long silent holds | Explain and check back |
| Answering before the caller finishes | Read back, then answer |
| Hanging up first | Wait for the customer |
| Writing up calls at the end of the shift | Note each call as it ends |

## Complaints

When the call is a complaint, follow the six-step phone complaint procedure as well.`,
    category: 'service-standards/phone-etiquette',
    tags: ['phone etiquette', 'hotline', 'service standards'],
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: ['phone-complaint-steps'],
    owner: 'editor-chen',
  },
];
