import { en } from './types.js';
import type { SeedArticle } from './types.js';

/** More English translations (each shares the slug of its Chinese article). */
export const englishMoreArticles: SeedArticle[] = [
  en({
    slug: 'broadband-error-734',
    title: 'Broadband dial-up error 734: the dial-up connection is broken',
    summary:
      'Error 734 means the dial-up (PPPoE) connection on the computer is damaged: delete it and create a new one. Many 734s at the same time point to an upstream fault: escalate.',
    body: `## What it means

The connection profile on the computer is corrupt, so the dial-up cannot even start properly.

## Steps

1. Delete the old broadband connection.
2. Create a new broadband (PPPoE) connection (Control Panel > Network and Sharing Center > Set up a new connection > Connect to the Internet > Broadband) and enter the account name and password again.
3. Dial again.

## When to escalate

If many customers in one area report 734 at about the same time, the cause is not on their computers: stop troubleshooting one by one and escalate as a mass fault.`,
    category: 'broadband/dial-up-errors',
    tags: ['broadband', 'dial-up', '734', 'PPPoE'],
    errorCodes: ['734'],
    related: ['broadband-cannot-connect-triage'],
  }),
  en({
    slug: 'broadband-error-676',
    title: 'Broadband dial-up error 676: too many dial attempts',
    summary:
      'Error 676 appears after dialling too often in a short time. Power off the modem, router and computer, wait 10 minutes, then start them again and dial once.',
    body: `## What it means

The account was dialled too many times in a short period, so new attempts are refused for a while.

## Steps

1. Stop dialling.
2. Switch off the modem (optical network terminal), the router and the computer.
3. Wait **10 minutes**.
4. Switch everything on, wait until the modem lights are steady, and dial once.

## Still failing

If 676 keeps coming back after waiting, open a fault ticket.`,
    category: 'broadband/dial-up-errors',
    tags: ['broadband', 'dial-up', '676', 'modem'],
    errorCodes: ['676'],
    related: ['modem-restart-guide'],
  }),
  en({
    slug: 'broadband-error-796',
    title: 'Broadband dial-up error 796: network adapter disabled or driver missing',
    summary:
      'Error 796 usually means the computer’s network adapter (local area connection) is disabled or has no driver: enable it in the network settings, or check the adapter.',
    body: `## Steps

1. Open Control Panel > Network and Sharing Center > Change adapter settings.
2. If "Local Area Connection" or "Ethernet" is greyed out, right-click it and choose **Enable**.
3. Dial again.

## The adapter is not listed

Open Device Manager > Network adapters. A yellow warning sign means the driver must be reinstalled; no wired adapter at all means the hardware should be checked by the computer's vendor.`,
    category: 'broadband/dial-up-errors',
    tags: ['broadband', 'dial-up', '796', 'network adapter'],
    errorCodes: ['796'],
  }),
  en({
    slug: 'sms-405-reset-password',
    title: 'Reset a forgotten service password by SMS (405)',
    summary:
      'Customers who forgot their mobile service password text 405 to the hotline number from their own phone and follow the reply to reset it.',
    body: `## Steps

1. From the phone number concerned, send an SMS with **405** to the customer-service hotline number.
2. Follow the instructions in the reply to verify and reset the password.
3. Afterwards, change it to one the customer remembers with **401**.

## When SMS does not work

If the phone is lost or the number is suspended, the account holder brings a valid ID document to a business hall.

Never ask a customer to tell you their service password.`,
    category: 'channels/electronic/service-codes',
    tags: ['service password', 'reset', '405', 'SMS'],
    related: ['sms-401-change-password', 'service-password-reset'],
  }),
  en({
    slug: 'sms-401-change-password',
    title: 'Change the service password by SMS (401)',
    summary:
      'Customers who know their current service password can change it by texting 401 with the old and new password to the hotline number; the voice line 1001031 does the same.',
    body: `## Steps

1. Send an SMS starting with **401**, followed by the old and the new password in the format the hotline describes, to the customer-service hotline number.
2. Wait for the confirmation message.

## Alternatives

- Forgot the current password: use **405** to reset it.
- Prefer a phone call: dial **1001031** and follow the voice prompts.

Avoid birthdays and repeated digits as passwords.`,
    category: 'channels/electronic/service-codes',
    tags: ['service password', 'change', '401', 'SMS'],
    related: ['sms-405-reset-password'],
  }),
  en({
    slug: 'modem-indicator-lights',
    title: 'Reading the modem indicator lights: power, PON, LOS and LAN',
    summary:
      'Ask the customer to read the optical modem’s indicator lights: a red or blinking LOS light means the fibre signal is lost and needs a fault ticket; an unlit LAN light usually means a loose cable.',
    body: `## The lights

| Light | Normal | If not |
| --- | --- | --- |
| POWER | on | check the socket and adapter |
| PON / REG | on | restart; still wrong: report a fault |
| LOS | off | red or blinking: fibre signal lost, check for a bent fibre, then report a fault |
| LAN | on or blinking | off: reseat or replace the network cable |

## Tips

Ask for each light's colour and state; "are the lights OK?" gets unreliable answers. Restarting does not fix a red LOS light.`,
    category: 'broadband/troubleshooting',
    tags: ['modem', 'lights', 'LOS', 'troubleshooting'],
    related: ['modem-restart-guide'],
  }),
  en({
    slug: 'router-pppoe-setup',
    title: 'Setting up a router for dial-up (PPPoE)',
    summary:
      'After installing or resetting a router, choose PPPoE in its internet settings and enter the broadband account and password; devices behind it then need no dial-up of their own.',
    body: `## Steps

1. Connect the modem's LAN port to the router's WAN port; connect a computer or phone to the router.
2. Open the management address printed on the router's label and log in.
3. Under internet settings, choose **PPPoE (dial-up)**.
4. Enter the broadband account and password (case sensitive) and save.
5. Once it shows "connected", set the Wi-Fi name and password.

## Problems

- "Wrong user name or password": same causes as error 691.
- Stuck on "connecting": connect a computer straight to the modem and dial to see the error code.`,
    category: 'broadband/troubleshooting',
    tags: ['router', 'PPPoE', 'dial-up', 'setup'],
    related: ['broadband-error-691-619-629'],
  }),
  en({
    slug: 'wifi-slow-troubleshooting',
    title: 'Slow Wi-Fi or weak signal at home',
    summary:
      'First test over a cable to tell a slow line from slow Wi-Fi; slow Wi-Fi usually comes from the router’s position, walls in the way or too many devices.',
    body: `## Line or Wi-Fi?

Connect a computer to the modem or router with a cable and run a speed test. Fast over the cable but slow over Wi-Fi: the problem is the wireless environment.

## What helps

- Put the router in the middle of the home, high and in the open, not in a cabinet;
- Restart the router and disconnect idle devices;
- Near the router use the 5 GHz band; through walls use 2.4 GHz;
- Large homes may need a Wi-Fi extender.

A router the customer bought is their own equipment: give advice, do not promise a repair visit.`,
    category: 'broadband/troubleshooting',
    tags: ['Wi-Fi', 'wireless', 'slow', 'router'],
    related: ['router-pppoe-setup'],
  }),
  en({
    slug: 'hotline-numbers',
    title: 'Customer-service hotlines: 10010, 10000, 10086',
    summary:
      'The three operators’ hotlines are 10010, 10000 and 10086. They answer questions, look up bills, take orders and fault reports, and accept complaints (calls are recorded).',
    body: `## What the hotline does

- balance, bill and package-usage queries;
- questions and some orders;
- broadband and network fault reports;
- complaints and suggestions (every call is recorded).

## SMS codes sent to the hotline number

| Code | Purpose |
| --- | --- |
| 401 | change the service password |
| 405 | reset the service password |
| 406 | get the mobile business hall download link |

Voice: 1001031 changes the password.`,
    category: 'channels/electronic',
    tags: ['hotline', '10010', '10000', '10086'],
    related: ['sms-service-codes'],
  }),
  en({
    slug: 'hall-services-list',
    title: 'What can be done at a business hall',
    summary:
      'Business halls open accounts, change packages, take payments, replace SIM cards, handle broadband installation and moves, take complaints and sell handsets; small halls offer the basics only.',
    body: `## Services

- orders: new lines, transfers, package changes, value-added services;
- payments and invoices;
- broadband: new installation, relocation, speed upgrade, renewal, password reset;
- advice, product demos and handset sales;
- opinions, suggestions and complaints.

## By type of hall

| Hall | Offers |
| --- | --- |
| flagship | everything, with the largest experience area |
| standard | marketing, sales and service |
| small | payments and basic orders |

Use the hall finder to see the nearest hall that is open and offers the service.`,
    category: 'halls',
    tags: ['business hall', 'services', 'orders'],
    related: ['hall-business-documents'],
  }),
  en({
    slug: 'hall-business-documents',
    title: 'Which ID documents to bring to a business hall',
    summary:
      'Most orders need the account holder in person with a valid ID document; someone acting for them brings both IDs and an authorisation; a broadband password reset always needs the holder’s ID.',
    body: `## The account holder

Bring your own valid ID document (the original).

## Someone else on the holder's behalf

- the holder's valid ID document;
- their own valid ID document;
- for some orders, an authorisation signed by the holder.

## Strictly checked

Broadband and service password resets, transfers, closing an account and SIM replacement.

Expired documents, photocopies or photos are not accepted.`,
    category: 'halls',
    tags: ['ID document', 'business hall', 'authorisation'],
    related: ['hall-services-list'],
  }),
  en({
    slug: 'complaint-work-order',
    title: 'Filling in a complaint work order',
    summary:
      'Every complaint gets a work order: customer details, category and grade, what happened, what the customer wants, what was done, and the reply time promised.',
    body: `## Fields

| Field | What to write |
| --- | --- |
| customer | number, name, contact phone |
| category | mobile; data and fixed-line; value-added services |
| grade | general, provincial, national |
| what happened | time, place, course of events |
| request | the outcome the customer wants |
| done so far | what was done at intake |
| promised | the reply time given to the customer |

Write facts, not opinions. For channels without a recording (halls, account managers), attach the complaint record the customer signed.`,
    category: 'complaints/intake-process',
    tags: ['complaint', 'work order', 'intake'],
    audience: 'INTERNAL',
    related: ['complaint-grades-deadlines'],
  }),
];
