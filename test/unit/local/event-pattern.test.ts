import { describe, expect, it } from 'vitest';
import {
  assertValidPattern,
  type EventPattern,
  InvalidEventPatternError,
  matchesPattern,
} from '../../../infra/local/event-pattern';
import { rules } from '#wiring';

/**
 * Each case: a pattern, an event, and whether EventBridge matches them. Sources: the EventBridge
 * user guide ("Content filtering in Amazon EventBridge event patterns", "Comparison operators",
 * "Arrays in …", "Matching null values and empty strings"), aws/event-ruler's README and its
 * RulerTest / correctness-cases.json, and the edge cases the old matcher got wrong.
 */
interface Case {
  name: string;
  pattern: EventPattern;
  event: unknown;
  matches: boolean;
}

const check = (cases: Case[]) =>
  it.each(cases)('$name', ({ pattern, event, matches }) => {
    expect(matchesPattern(pattern, event)).toBe(matches);
  });

/** The EventBridge envelope the local bus builds, around a `detail`. */
const envelope = (detail: unknown, overrides: object = {}) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-10-02T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail,
  ...overrides,
});

/** event-ruler README's sample event. */
const rulerDetail = {
  'c-count': 5,
  'd-count': 3,
  'x-limit': 301.8,
  'source-ip': '10.0.0.33',
  'instance-id': 'i-000000aaaaaa00000',
  state: 'running',
};
const rulerEvent = envelope(rulerDetail);

describe('documented operators (EventBridge user guide)', () => {
  const time = { time: [{ prefix: '2017-10-02' }] };
  const europe = { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] };
  const service = { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] };
  const png = { FileName: [{ suffix: '.png' }] };
  const tbridge = { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] };
  const alice = { Name: [{ 'equals-ignore-case': 'alice' }] };
  const dirPng = { FileName: [{ wildcard: 'dir/*.png' }] };
  const busArn = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
  check([
    { name: 'prefix: time starts with 2017-10-02', pattern: time, event: envelope({}), matches: true },
    { name: 'prefix: another day', pattern: time, event: envelope({}, { time: '2017-10-03T00:00:00Z' }), matches: false },
    { name: 'prefix: Auto Scaling in Europe', pattern: europe, event: envelope({}, { source: 'aws.autoscaling', region: 'eu-west-3' }), matches: true },
    { name: 'prefix: Auto Scaling in the US', pattern: europe, event: envelope({}, { source: 'aws.autoscaling', region: 'us-east-1' }), matches: false },
    { name: 'prefix: case counts', pattern: europe, event: envelope({}, { source: 'aws.autoscaling', region: 'EU-west-3' }), matches: false },
    { name: 'prefix: only strings', pattern: { n: [{ prefix: '1' }] }, event: { n: 12 }, matches: false },
    { name: 'prefix ignoring case: EventBridge', pattern: service, event: { service: 'EventBridge' }, matches: true },
    { name: 'prefix ignoring case: EVENTBRIDGE', pattern: service, event: { service: 'EVENTBRIDGE' }, matches: true },
    { name: 'prefix ignoring case: eventbridge', pattern: service, event: { service: 'eventbridge' }, matches: true },
    { name: 'prefix ignoring case: Event Bridge', pattern: service, event: { service: 'Event Bridge' }, matches: false },
    { name: 'suffix: .png', pattern: png, event: { FileName: 'image.png' }, matches: true },
    { name: 'suffix: .jpg', pattern: png, event: { FileName: 'image.jpg' }, matches: false },
    { name: 'suffix: case counts', pattern: png, event: { FileName: 'IMAGE.PNG' }, matches: false },
    { name: 'suffix ignoring case: EVENTBRIDGE', pattern: tbridge, event: { service: 'EVENTBRIDGE' }, matches: true },
    { name: 'suffix ignoring case: Bridge alone', pattern: tbridge, event: { service: 'Bridge' }, matches: false },
    { name: 'equals-ignore-case: Alice', pattern: alice, event: { Name: 'Alice' }, matches: true },
    { name: 'equals-ignore-case: ALICE', pattern: alice, event: { Name: 'ALICE' }, matches: true },
    { name: 'equals-ignore-case: not a prefix match', pattern: alice, event: { Name: 'Alicia' }, matches: false },
    { name: 'wildcard: dir/*.png', pattern: dirPng, event: { FileName: 'dir/photo.png' }, matches: true },
    { name: 'wildcard: * spans slashes', pattern: dirPng, event: { FileName: 'dir/a/b.png' }, matches: true },
    { name: 'wildcard: * may be empty', pattern: dirPng, event: { FileName: 'dir/.png' }, matches: true },
    { name: 'wildcard: other folder', pattern: dirPng, event: { FileName: 'other/photo.png' }, matches: false },
    { name: 'wildcard: other extension', pattern: dirPng, event: { FileName: 'dir/photo.png.bak' }, matches: false },
    { name: 'wildcard: event bus ARN', pattern: busArn, event: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }, matches: true },
    { name: 'wildcard: event bus ARN elsewhere', pattern: busArn, event: { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' }, matches: false },
    { name: 'empty string: LastName is ""', pattern: { LastName: [''] }, event: { LastName: '' }, matches: true },
    { name: 'empty string is not null', pattern: { LastName: [''] }, event: { LastName: null }, matches: false },
    { name: 'null: UserID is null', pattern: { UserID: [null] }, event: { UserID: null }, matches: true },
    { name: 'null is not ""', pattern: { UserID: [null] }, event: { UserID: '' }, matches: false },
    { name: 'null is not absent', pattern: { UserID: [null] }, event: {}, matches: false },
    { name: 'or: Credit or Debit (Debit)', pattern: { PaymentType: ['Credit', 'Debit'] }, event: { PaymentType: 'Debit' }, matches: true },
    { name: 'or: Credit or Debit (Cash)', pattern: { PaymentType: ['Credit', 'Debit'] }, event: { PaymentType: 'Cash' }, matches: false },
    { name: 'and: New York on Monday', pattern: { Location: ['New York'], Day: ['Monday'] }, event: { Location: 'New York', Day: 'Monday' }, matches: true },
    { name: 'and: New York on Tuesday', pattern: { Location: ['New York'], Day: ['Monday'] }, event: { Location: 'New York', Day: 'Tuesday' }, matches: false },
    { name: 'numeric equals: Price is 100', pattern: { Price: [{ numeric: ['=', 100] }] }, event: { Price: 100.0 }, matches: true },
    { name: 'numeric range: 20 is within (10, 20]', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 20 }, matches: true },
    { name: 'numeric range: 10 is not within (10, 20]', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 10 }, matches: false },
    { name: 'exists: ProductName present', pattern: { ProductName: [{ exists: true }] }, event: { ProductName: 'Book' }, matches: true },
    { name: 'exists: ProductName absent', pattern: { ProductName: [{ exists: true }] }, event: {}, matches: false },
    { name: 'does not exist: ProductName absent', pattern: { ProductName: [{ exists: false }] }, event: { Other: 1 }, matches: true },
    { name: 'does not exist: ProductName present', pattern: { ProductName: [{ exists: false }] }, event: { ProductName: 'Book' }, matches: false },
  ]);
});

describe('anything-but (EventBridge user guide and event-ruler)', () => {
  const state = (rule: unknown) => ({ detail: { state: [{ 'anything-but': rule }] } }) as EventPattern;
  const limit = (rule: unknown) => ({ detail: { 'x-limit': [{ 'anything-but': rule }] } }) as EventPattern;
  check([
    { name: 'a string: running is not initializing', pattern: state('initializing'), event: rulerEvent, matches: true },
    { name: 'a string: initializing is excluded', pattern: state('initializing'), event: envelope({ state: 'initializing' }), matches: false },
    { name: 'a number: 301.8 is not 123', pattern: limit(123), event: rulerEvent, matches: true },
    { name: 'a number: 123 is excluded', pattern: limit(123), event: envelope({ 'x-limit': 123 }), matches: false },
    { name: 'strings: running is neither', pattern: state(['stopped', 'overloaded']), event: rulerEvent, matches: true },
    { name: 'strings: overloaded is excluded', pattern: state(['stopped', 'overloaded']), event: envelope({ state: 'overloaded' }), matches: false },
    { name: 'numbers: 301.8 is none of them', pattern: limit([100, 200, 300]), event: rulerEvent, matches: true },
    { name: 'numbers: 3.0e2 is 300, excluded', pattern: limit([100, 200, 300]), event: envelope({ 'x-limit': 3.0e2 }), matches: false },
    { name: 'prefix: running does not start with init', pattern: state({ prefix: 'init' }), event: rulerEvent, matches: true },
    { name: 'prefix: initializing does', pattern: state({ prefix: 'init' }), event: envelope({ state: 'initializing' }), matches: false },
    { name: 'prefix list: excluded by the second', pattern: state({ prefix: ['stop', 'init'] }), event: envelope({ state: 'initializing' }), matches: false },
    { name: 'suffix: a.jpg does not end in .png', pattern: state({ suffix: '.png' }), event: envelope({ state: 'a.jpg' }), matches: true },
    { name: 'suffix: a.png does', pattern: state({ suffix: '.png' }), event: envelope({ state: 'a.png' }), matches: false },
    { name: 'equals-ignore-case: INITIALIZING is excluded', pattern: state({ 'equals-ignore-case': 'initializing' }), event: envelope({ state: 'INITIALIZING' }), matches: false },
    { name: 'equals-ignore-case: running is not', pattern: state({ 'equals-ignore-case': 'initializing' }), event: rulerEvent, matches: true },
    { name: 'equals-ignore-case list: Stopped is excluded', pattern: state({ 'equals-ignore-case': ['initializing', 'stopped'] }), event: envelope({ state: 'Stopped' }), matches: false },
    { name: 'wildcard: a path without /lib/', pattern: state({ wildcard: '*/lib/*' }), event: envelope({ state: '/usr/bin/java' }), matches: true },
    { name: 'wildcard: a path with /lib/', pattern: state({ wildcard: '*/lib/*' }), event: envelope({ state: '/usr/lib/jvm' }), matches: false },
    { name: 'wildcard list: excluded by the second', pattern: state({ wildcard: ['*/lib/*', '*/bin/*'] }), event: envelope({ state: '/usr/bin/java' }), matches: false },
    { name: 'a missing field matches no anything-but', pattern: state('initializing'), event: envelope({}), matches: false },
    { name: 'a missing field matches no anything-but prefix', pattern: state({ prefix: 'init' }), event: envelope({ other: 1 }), matches: false },
    { name: 'a missing parent matches no anything-but', pattern: state('initializing'), event: { source: 'x' }, matches: false },
    { name: 'null is present and not excluded (AWS, localstack#9711)', pattern: state(['baz']), event: envelope({ state: null }), matches: true },
    { name: 'a number is not excluded by strings', pattern: state('5'), event: envelope({ state: 5 }), matches: true },
    { name: 'a boolean is not excluded by strings', pattern: state(['true']), event: envelope({ state: true }), matches: true },
    { name: 'a string is not excluded by numbers (event-ruler RulerTest)', pattern: limit([111, 222, 333]), event: envelope({ 'x-limit': '111' }), matches: true },
    { name: 'a number is not excluded by a string operator', pattern: state({ prefix: '1' }), event: envelope({ state: 12 }), matches: true },
    { name: 'an array: one element not excluded is enough', pattern: state('banned'), event: envelope({ state: ['banned', 'ok'] }), matches: true },
    { name: 'an array: every element excluded', pattern: state({ suffix: 'ball' }), event: envelope({ state: ['baseball', 'basketball'] }), matches: false },
    { name: 'an empty array has nothing to match', pattern: state('x'), event: envelope({ state: [] }), matches: false },
  ]);
});

describe('numbers, IP addresses and JSON types', () => {
  const counts = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };
  const cidr = { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } };
  const v6 = { ip: [{ cidr: '2001:db8::/32' }] };
  check([
    { name: 'numeric: all three hold', pattern: counts, event: rulerEvent, matches: true },
    { name: 'numeric: c-count 0 is not > 0', pattern: counts, event: envelope({ 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 }), matches: false },
    { name: 'numeric: c-count 6 is not <= 5', pattern: counts, event: envelope({ 'c-count': 6, 'd-count': 3, 'x-limit': 301.8 }), matches: false },
    { name: 'numeric: d-count 10 is not < 10', pattern: counts, event: envelope({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }), matches: false },
    { name: 'numeric: x-limit must equal 301.8', pattern: counts, event: envelope({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.9 }), matches: false },
    { name: 'numeric: >= includes the bound', pattern: { n: [{ numeric: ['>=', 5] }] }, event: { n: 5 }, matches: true },
    { name: 'numeric: > excludes the bound', pattern: { n: [{ numeric: ['>', 5] }] }, event: { n: 5 }, matches: false },
    { name: 'numeric: negative values', pattern: { n: [{ numeric: ['<', 0] }] }, event: { n: -0.5 }, matches: true },
    { name: 'numeric: only numbers, not numeric strings', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: '5' }, matches: false },
    { name: 'numeric: not booleans', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: true }, matches: false },
    { name: 'numeric: beyond 5e9 is out of range', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: 6e9 }, matches: false },
    { name: 'numeric: 5e9 itself is in range', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: 5e9 }, matches: true },
    { name: 'numeric: more than 6 decimals is beyond its precision', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: 0.0000001 }, matches: false },
    { name: 'numeric: an array with one value in range', pattern: { n: [{ numeric: ['>', 0, '<', 10] }] }, event: { n: [100, 5, 200] }, matches: true },
    { name: 'exact number: 300 equals 3.0e2', pattern: { n: [300] }, event: JSON.parse('{"n": 3.0e2}'), matches: true },
    { name: 'exact number: 5 is not "5"', pattern: { n: [5] }, event: { n: '5' }, matches: false },
    { name: 'exact string: "5" is not 5', pattern: { n: ['5'] }, event: { n: 5 }, matches: false },
    { name: 'exact boolean: true', pattern: { b: [true] }, event: { b: true }, matches: true },
    { name: 'exact boolean: "true" is not true', pattern: { b: ['true'] }, event: { b: true }, matches: false },
    { name: 'exact boolean: false is not null', pattern: { b: [false] }, event: { b: null }, matches: false },
    { name: 'cidr: 10.0.0.255 is in 10.0.0.0/24', pattern: cidr, event: envelope({ 'source-ip': '10.0.0.255' }), matches: true },
    { name: 'cidr: 10.0.1.0 is not', pattern: cidr, event: envelope({ 'source-ip': '10.0.1.0' }), matches: false },
    { name: 'cidr: 10.0.0.33 in 10.0.0.0/8 (README)', pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, event: rulerEvent, matches: true },
    { name: 'cidr: not an IP address', pattern: cidr, event: envelope({ 'source-ip': 'localhost' }), matches: false },
    { name: 'cidr: a number is not an address', pattern: cidr, event: envelope({ 'source-ip': 10 }), matches: false },
    { name: 'cidr: IPv6 inside', pattern: v6, event: { ip: '2001:DB8:1::1' }, matches: true },
    { name: 'cidr: IPv6 outside', pattern: v6, event: { ip: '2001:db9::1' }, matches: false },
    { name: 'cidr: an IPv4 address is not in an IPv6 range', pattern: v6, event: { ip: '32.1.13.184' }, matches: false },
    { name: 'cidr: an unaligned base covers its whole network', pattern: { ip: [{ cidr: '10.0.0.77/24' }] }, event: { ip: '10.0.0.1' }, matches: true },
    { name: 'exact IP: another spelling of the same IPv6 address', pattern: { ip: ['2001:db8::1'] }, event: { ip: '2001:0DB8:0:0:0:0:0:1' }, matches: true },
    { name: 'exact IP: a different address', pattern: { ip: ['2001:db8::1'] }, event: { ip: '2001:db8::2' }, matches: false },
  ]);
});

describe('arrays (EventBridge user guide, event-ruler README and correctness cases)', () => {
  const arns = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };
  const resources = (...arn: string[]) => envelope({}, { resources: arn });
  const employees = {
    employees: [
      [
        { firstName: 'John', lastName: 'Doe', ids: [1234, 1000, 9999] },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
      [{ firstName: 'Peter', lastName: 'Jones', ids: [] }],
    ],
  };
  const both = { d: { a: [{ exists: true }], b: [{ exists: true }] } };
  const person = { d: { name: ['alice'], status: ['active'] } };
  check([
    {
      name: 'resources: intersection is non-empty',
      pattern: arns,
      event: resources('arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'),
      matches: true,
    },
    { name: 'resources: intersection is empty', pattern: arns, event: resources('arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'), matches: false },
    { name: 'an object in an array of objects', pattern: { a: { b: ['x'] } }, event: { a: [{ b: 'y' }, { b: 'x' }] }, matches: true },
    { name: 'no object in the array has it', pattern: { a: { b: ['x'] } }, event: { a: [{ b: 'y' }, { c: 'x' }] }, matches: false },
    { name: 'employees: Anna (README)', pattern: { employees: { firstName: ['Anna'] } }, event: employees, matches: true },
    { name: 'employees: Anna and Jones are different elements', pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event: employees, matches: false },
    { name: 'employees: John with id 1000', pattern: { employees: { firstName: ['John'], ids: [1000] } }, event: employees, matches: true },
    { name: 'employees: Anna has no id 1000', pattern: { employees: { firstName: ['Anna'], ids: [1000] } }, event: employees, matches: false },
    { name: 'employees: Anna has no ids', pattern: { employees: { firstName: ['Anna'], ids: [{ exists: false }] } }, event: employees, matches: true },
    { name: 'employees: Anna has no ids to exist', pattern: { employees: { firstName: ['Anna'], ids: [{ exists: true }] } }, event: employees, matches: false },
    { name: 'employees: Alice is nobody', pattern: { employees: { firstName: ['Alice'] } }, event: employees, matches: false },
    { name: 'employees: an array of objects has no leaf value', pattern: { employees: ['b'] }, event: employees, matches: false },
    { name: 'objects: both fields in one element', pattern: both, event: { d: [{ a: 1, b: 2 }] }, matches: true },
    { name: 'objects: fields split over two elements', pattern: both, event: { d: [{ a: 1 }, { b: 2 }] }, matches: false },
    { name: 'objects: the last of three elements has both', pattern: both, event: { d: [{ a: 1 }, { b: 2 }, { a: 3, b: 4 }] }, matches: true },
    { name: 'objects: exact values in one element', pattern: person, event: { d: [{ name: 'alice', status: 'active' }] }, matches: true },
    { name: 'objects: exact values split', pattern: person, event: { d: [{ name: 'alice' }, { status: 'active' }] }, matches: false },
    { name: 'objects: one valid element among many', pattern: { d: { a: ['target'], b: ['found'] } }, event: { d: [{ a: 'x' }, { a: 'target', b: 'found' }, { a: 'z' }] }, matches: true },
    {
      name: 'objects: numeric and exists in the same element',
      pattern: { i: { p: [{ numeric: ['>', 0, '<', 100] }], n: [{ exists: true }] } },
      event: { i: [{ n: 'g', p: 200 }, { n: 'w', p: 50 }] },
      matches: true,
    },
    {
      name: 'objects: anything-but and exists in the same element',
      pattern: { u: { s: [{ 'anything-but': 'banned' }], n: [{ exists: true }] } },
      event: { u: [{ n: 'alice', s: 'banned' }, { n: 'bob', s: 'active' }] },
      matches: true,
    },
    { name: 'nested arrays: the inner element holds both', pattern: { u: { t: { k: ['color'], v: ['blue'] } } }, event: { u: [{ t: [{ k: 'color', v: 'blue' }] }] }, matches: true },
    { name: 'nested arrays: the inner elements split them', pattern: { u: { t: { k: ['color'], v: ['blue'] } } }, event: { u: [{ t: [{ k: 'color' }, { v: 'blue' }] }] }, matches: false },
    {
      name: 'nested arrays: outer elements split a leaf and an object',
      pattern: { d: { name: [{ exists: true }], info: { x: ['1'] } } },
      event: { d: [{ name: 'alice' }, { info: { x: '1' } }] },
      matches: false,
    },
    { name: 'an array of arrays of values', pattern: { m: [3] }, event: { m: [[1, 2], [3]] }, matches: true },
    { name: 'an array field next to a plain field', pattern: { users: { name: [{ exists: true }] }, version: ['1'] }, event: { users: [{ name: 'alice' }], version: '1' }, matches: true },
    { name: 'an array field next to a wrong plain field', pattern: { users: { name: [{ exists: true }] }, version: ['2'] }, event: { users: [{ name: 'alice' }], version: '1' }, matches: false },
    { name: 'two arrays of values are independent', pattern: { tags: ['b'], cats: ['x'] }, event: { tags: ['a', 'b'], cats: ['x', 'y'] }, matches: true },
    { name: 'an empty array', pattern: both, event: { d: [] }, matches: false },
  ]);
});

describe('exists', () => {
  const cCountAbsent = { detail: { 'c-count': [{ exists: false }] } };
  const cCountPresent = { detail: { 'c-count': [{ exists: true }] } };
  check([
    { name: 'false: detail has no c-count (user guide)', pattern: cCountAbsent, event: envelope({ state: ['initializing', 'running'] }), matches: true },
    { name: 'false: c-count is an object, not a leaf (user guide)', pattern: cCountAbsent, event: envelope({ state: 'running', 'c-count': { c1: 100 } }), matches: true },
    { name: 'false: c-count is a leaf', pattern: cCountAbsent, event: rulerEvent, matches: false },
    { name: 'false: the parent is missing', pattern: cCountAbsent, event: { source: 'aws.ec2' }, matches: true },
    { name: 'false: the grandparent is missing', pattern: { a: { b: { c: [{ exists: false }] } } }, event: { x: 1 }, matches: true },
    { name: 'false: the parent is a string', pattern: cCountAbsent, event: { detail: 'text' }, matches: true },
    { name: 'false: an empty array has no leaf', pattern: cCountAbsent, event: envelope({ 'c-count': [] }), matches: true },
    { name: 'false: null is a value', pattern: cCountAbsent, event: envelope({ 'c-count': null }), matches: false },
    { name: 'false: an undefined property is absent from the JSON', pattern: cCountAbsent, event: envelope({ 'c-count': undefined }), matches: true },
    { name: 'true: c-count is a leaf', pattern: cCountPresent, event: rulerEvent, matches: true },
    { name: 'true: null counts as present', pattern: cCountPresent, event: envelope({ 'c-count': null }), matches: true },
    { name: 'true: an empty array does not', pattern: cCountPresent, event: envelope({ 'c-count': [] }), matches: false },
    { name: 'true: an object is not a leaf', pattern: cCountPresent, event: envelope({ 'c-count': { c1: 100 } }), matches: false },
    { name: 'true: an array of values', pattern: cCountPresent, event: envelope({ 'c-count': [1, 2] }), matches: true },
    { name: 'true: the parent is missing', pattern: cCountPresent, event: { source: 'aws.ec2' }, matches: false },
    { name: 'false in an array: some element has it', pattern: { a: { b: [{ exists: false }] } }, event: { a: [{ b: 1 }, { c: 2 }] }, matches: false },
    { name: 'false in an array: no element has it', pattern: { a: { b: [{ exists: false }] } }, event: { a: [{ c: 1 }, { c: 2 }] }, matches: true },
    {
      name: 'false in an array: the element picked by an earlier field lacks it',
      pattern: { d: { a: [{ exists: true }], b: [{ exists: false }] } },
      event: { d: [{ a: 1, b: 2 }, { a: 3 }] },
      matches: true,
    },
    {
      // event-ruler walks a pattern's fields in name order (GenericMachine sorts them), so `b` is
      // checked before `c` has picked an element, and a `b` in any element counts.
      name: 'false in an array: checked in field-name order, before a later field picks the element',
      pattern: { d: { c: ['x'], b: [{ exists: false }] } },
      event: { d: [{ b: 1, c: 'y' }, { c: 'x' }] },
      matches: false,
    },
    { name: 'false in an array: the only element with a has b', pattern: { d: { a: [{ exists: true }], b: [{ exists: false }] } }, event: { d: [{ a: 1, b: 2 }] }, matches: false },
    { name: 'or absent: a value or no field', pattern: { s: ['on', { exists: false }] }, event: {}, matches: true },
    { name: 'or absent: another value', pattern: { s: ['on', { exists: false }] }, event: { s: 'off' }, matches: false },
  ]);
});

describe('$or (EventBridge user guide and event-ruler README)', () => {
  const metrics = {
    source: ['aws.cloudwatch'],
    $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  };
  const parallel = {
    $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
  };
  const nested = {
    source: ['aws.cloudwatch'],
    $or: [
      { metricName: ['CPUUtilization'] },
      { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      { scope: ['Service'] },
    ],
  };
  const numericOr = {
    detail: {
      $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }],
    },
  };
  check([
    { name: 'Location or Day: Monday elsewhere', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Location: 'Paris', Day: 'Monday' }, matches: true },
    { name: 'Location or Day: neither', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Location: 'Paris', Day: 'Sunday' }, matches: false },
    { name: 'source and (metricName or namespace): namespace', pattern: metrics, event: { source: 'aws.cloudwatch', namespace: 'AWS/ES' }, matches: true },
    { name: 'source and (metricName or namespace): wrong source', pattern: metrics, event: { source: 'aws.ec2', metricName: 'CPUUtilization' }, matches: false },
    { name: 'parallel $or: one of each', pattern: parallel, event: { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } }, matches: true },
    { name: 'parallel $or: the nested one fails', pattern: parallel, event: { namespace: 'AWS/EC2', detail: { source: 'aws.ec2' } }, matches: false },
    { name: 'nested $or: metricType, namespace and spaceId', pattern: nested, event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }, matches: true },
    { name: 'nested $or: metricType and namespace without an id', pattern: nested, event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' }, matches: false },
    { name: 'nested $or: scope alone', pattern: nested, event: { source: 'aws.cloudwatch', scope: 'Service' }, matches: true },
    { name: 'numeric alternatives: only x-limit holds', pattern: numericOr, event: envelope({ 'c-count': 9, 'd-count': 30, 'x-limit': 301.8 }), matches: true },
    { name: 'numeric alternatives: none holds', pattern: numericOr, event: envelope({ 'c-count': 9, 'd-count': 30, 'x-limit': 1 }), matches: false },
    {
      name: 'alternatives over an array of objects stay within one element',
      pattern: { items: { $or: [{ sku: ['A'] }, { qty: [2] }], price: [10] } },
      event: { items: [{ sku: 'A', price: 5 }, { qty: 3, price: 10 }] },
      matches: false,
    },
  ]);
});

describe('event-ruler RulerTest and README rules', () => {
  const image = {
    Image: {
      Width: 800,
      Height: 600,
      Title: 'View from 15th Floor',
      Thumbnail: { Url: 'http://www.example.com/image/481989943', Height: 125, Width: 100 },
      Animated: false,
      IDs: [116, 943, 234, 38793],
    },
  };
  const anythingBut = {
    a: [{ 'anything-but': ['dad0', 'dad1', 'dad2'] }],
    b: [{ 'anything-but': [111, 222, 333] }],
    c: [{ 'anything-but': 'zdd' }],
    d: [{ 'anything-but': 444 }],
    z: [{ numeric: ['>', 0, '<', 1] }],
    w: [{ 'anything-but': { prefix: 'zax' } }],
  };
  const base = { a: 'child1', b: '444', c: 'child1', d: 123, w: 'xaz', z: 0.001 };
  const ignoreCase = { a: [{ 'equals-ignore-case': 'aBc' }], b: [{ 'equals-ignore-case': 'Def' }], c: [{ 'equals-ignore-case': 'xyZ' }] };
  const wildcards = { a: [{ wildcard: '*bc' }], b: [{ wildcard: 'd*f' }], c: [{ wildcard: 'xy*' }], d: [{ wildcard: 'xy*' }] };
  const dotted = {
    detail: {
      'source-ip': [{ cidr: '10.0.0.0/24' }],
      'c.count': [{ numeric: ['>', 0, '<=', 5] }],
      'd.count': [{ numeric: ['<', 10] }],
      'x.limit': [{ numeric: ['=', 3.018e2] }],
    },
  };
  const complex = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };
  check([
    { name: 'Image: width and thumbnail height', pattern: { Image: { Width: [800], Thumbnail: { Height: [125, 300] } } }, event: image, matches: true },
    {
      name: 'Image: every operator at once',
      pattern: {
        Image: {
          Width: [{ numeric: ['<', 1000] }],
          Height: [{ numeric: ['<=', 600] }],
          Title: [{ 'anything-but': 'View from 15th Flood' }],
          Thumbnail: { Url: [{ prefix: 'http' }], Height: [{ numeric: ['>', 124, '<', 126] }], Width: [{ numeric: ['>=', 99.999, '<=', 100] }] },
          Animated: [false],
        },
      },
      event: image,
      matches: true,
    },
    { name: 'Image: width not < 800', pattern: { Image: { Width: [{ numeric: ['<', 800] }] } }, event: image, matches: false },
    { name: 'Image: the excluded title', pattern: { Image: { Title: [{ 'anything-but': 'View from 15th Floor' }] } }, event: image, matches: false },
    { name: 'Image: not https', pattern: { Image: { Thumbnail: { Url: [{ prefix: 'https' }] } } }, event: image, matches: false },
    { name: 'Image: 125 is not < 125', pattern: { Image: { Thumbnail: { Height: [{ numeric: ['>', 124, '<', 125] }] } } }, event: image, matches: false },
    { name: 'Image: 100 is not >= 100.00001', pattern: { Image: { Thumbnail: { Width: [{ numeric: ['>=', 100.00001, '<=', 1001] }] } } }, event: image, matches: false },
    { name: 'Image: not animated', pattern: { Image: { Animated: [true] } }, event: image, matches: false },
    { name: 'anything-but rule: all hold', pattern: anythingBut, event: base, matches: true },
    { name: 'anything-but rule: c is zdd', pattern: anythingBut, event: { ...base, c: 'zdd' }, matches: false },
    { name: 'anything-but rule: z is 1.01', pattern: anythingBut, event: { ...base, z: 1.01 }, matches: false },
    { name: 'anything-but rule: a is dad1', pattern: anythingBut, event: { ...base, a: 'dad1' }, matches: false },
    { name: 'anything-but rule: b is 111', pattern: anythingBut, event: { ...base, b: 111 }, matches: false },
    { name: 'anything-but rule: d is 444', pattern: anythingBut, event: { ...base, d: 444 }, matches: false },
    { name: 'anything-but rule: w starts with zax', pattern: anythingBut, event: { ...base, w: 'zaxonie' }, matches: false },
    { name: 'equals-ignore-case rule: all three', pattern: ignoreCase, event: { a: 'ABC', b: 'def', c: 'xYz', d: 'rst' }, matches: true },
    { name: 'equals-ignore-case rule: defx', pattern: ignoreCase, event: { a: 'ABC', b: 'defx', c: 'xYz' }, matches: false },
    { name: 'equals-ignore-case rule: b missing', pattern: ignoreCase, event: { a: 'ABC', c: 'xYz' }, matches: false },
    { name: 'wildcard rule: all four', pattern: wildcards, event: { a: 'abcbc', b: 'deeeef', c: 'xy', d: 'xyzzz' }, matches: true },
    { name: 'wildcard rule: deeeefx does not end in f', pattern: wildcards, event: { a: 'abcbc', b: 'deeeefx', c: 'xy', d: 'xyzzz' }, matches: false },
    { name: 'wildcard rule: swapped values', pattern: wildcards, event: { a: 'abcbc', b: 'xy', c: 'deeeef', d: 'xyzzz' }, matches: false },
    { name: 'exists rule 1/1', pattern: { a: [{ exists: true }] }, event: { a: 1 }, matches: true },
    { name: 'exists rule 2/1', pattern: { b: [{ exists: false }] }, event: { a: 1 }, matches: true },
    { name: 'exists rule 3/1', pattern: { x: [{ exists: true }] }, event: { a: 1 }, matches: false },
    { name: 'exists rule 2/2', pattern: { b: [{ exists: false }] }, event: { b: 2 }, matches: false },
    { name: 'exists rule 4/3', pattern: { x: [{ exists: false }] }, event: { x: 'X' }, matches: false },
    { name: 'simple rule: 1 is not true', pattern: { x: [1] }, event: { x: true }, matches: false },
    { name: 'simple rule: "X" is not true', pattern: { x: ['X'] }, event: { x: true }, matches: false },
    { name: 'README: simple matching', pattern: { 'detail-type': ['EC2 Instance State-change Notification'], resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'], detail: { state: ['initializing', 'running'] } }, event: rulerEvent, matches: true },
    { name: 'README: suffix ec2', pattern: { source: [{ suffix: 'ec2' }] }, event: rulerEvent, matches: true },
    { name: 'README: equals-ignore-case EC2', pattern: { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, event: rulerEvent, matches: true },
    { name: 'README: complex example', pattern: complex, event: rulerEvent, matches: true },
    { name: 'README: complex example, state initializing', pattern: complex, event: envelope({ ...rulerDetail, state: 'initializing' }), matches: false },
    { name: 'README: dotted keys match nested ones', pattern: dotted, event: envelope({ c: { count: 5 }, d: { count: 3 }, x: { limit: 301.8 }, 'source-ip': '10.0.0.33' }), matches: true },
    { name: 'README: dotted keys match dotted event keys', pattern: dotted, event: envelope({ 'c.count': 5, 'd.count': 3, 'x.limit': 301.8, 'source-ip': '10.0.0.33' }), matches: true },
  ]);
});

describe('wildcard escapes (event-ruler README)', () => {
  check([
    { name: '\\* is a literal star', pattern: { s: [{ wildcard: 'a\\*b' }] }, event: { s: 'a*b' }, matches: true },
    { name: '\\* does not stand for other characters', pattern: { s: [{ wildcard: 'a\\*b' }] }, event: { s: 'axb' }, matches: false },
    { name: '\\\\ is a literal backslash', pattern: { s: [{ wildcard: 'a\\\\b' }] }, event: { s: 'a\\b' }, matches: true },
    { name: 'a literal star then a wildcard', pattern: { s: [{ wildcard: '\\**' }] }, event: { s: '*anything' }, matches: true },
    { name: 'a lone * matches the empty string', pattern: { s: [{ wildcard: '*' }] }, event: { s: '' }, matches: true },
    { name: 'regular-expression characters are literal', pattern: { s: [{ wildcard: 'a.c(*)' }] }, event: { s: 'abc(x)' }, matches: false },
    { name: 'wildcard: only strings', pattern: { s: [{ wildcard: '*' }] }, event: { s: 5 }, matches: false },
  ]);
});

describe('refusing invalid patterns', () => {
  const refusal = (pattern: unknown): unknown => {
    try {
      assertValidPattern(pattern);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each<{ name: string; pattern: unknown; path: string; reason: RegExp }>([
    { name: 'a pattern that is not an object', pattern: ['source'], path: '', reason: /a pattern is a JSON object/ },
    { name: 'null', pattern: null, path: '', reason: /a pattern is a JSON object/ },
    { name: 'an empty pattern', pattern: {}, path: '', reason: /empty object/ },
    { name: 'an empty nested object', pattern: { detail: {} }, path: 'detail', reason: /empty object/ },
    { name: 'a leaf that is not an array', pattern: { detail: { status: 'paid' } }, path: 'detail.status', reason: /object or an array of match values/ },
    { name: 'a number as a leaf', pattern: { n: 5 }, path: 'n', reason: /object or an array of match values/ },
    { name: 'an empty list', pattern: { source: [] }, path: 'source', reason: /empty list/ },
    { name: 'a list inside the list', pattern: { source: [['a']] }, path: 'source[0]', reason: /a match value is/ },
    { name: 'an empty operator object', pattern: { source: [{}] }, path: 'source[0]', reason: /exactly one operator/ },
    { name: 'two operators in one object', pattern: { source: [{ prefix: 'a', suffix: 'b' }] }, path: 'source[0]', reason: /exactly one operator/ },
    { name: 'an unknown operator', pattern: { source: ['ok', { contains: 'x' }] }, path: 'source[1]', reason: /unknown operator "contains"/ },
    { name: 'a prototype name as operator', pattern: { source: [{ constructor: 'x' }] }, path: 'source[0]', reason: /unknown operator/ },
    { name: 'prefix with a number', pattern: { source: [{ prefix: 5 }] }, path: 'source[0]', reason: /prefix takes a string/ },
    { name: 'prefix with another operator', pattern: { source: [{ prefix: { wildcard: 'a*' } }] }, path: 'source[0]', reason: /equals-ignore-case/ },
    { name: 'suffix equals-ignore-case with a number', pattern: { source: [{ suffix: { 'equals-ignore-case': 3 } }] }, path: 'source[0]', reason: /takes a string/ },
    { name: 'equals-ignore-case with null', pattern: { source: [{ 'equals-ignore-case': null }] }, path: 'source[0]', reason: /takes a string/ },
    { name: 'wildcard with **', pattern: { source: [{ wildcard: 'a**b' }] }, path: 'source[0]', reason: /consecutive "\*"/ },
    { name: 'wildcard with a bad escape', pattern: { source: [{ wildcard: 'a\\b' }] }, path: 'source[0]', reason: /invalid escape/ },
    { name: 'wildcard ending in a backslash', pattern: { source: [{ wildcard: 'a\\' }] }, path: 'source[0]', reason: /invalid escape/ },
    { name: 'wildcard with a number', pattern: { source: [{ wildcard: 1 }] }, path: 'source[0]', reason: /wildcard takes a string/ },
    { name: 'anything-but true', pattern: { s: [{ 'anything-but': true }] }, path: 's[0]', reason: /anything-but takes/ },
    { name: 'anything-but null', pattern: { s: [{ 'anything-but': null }] }, path: 's[0]', reason: /anything-but takes/ },
    { name: 'anything-but []', pattern: { s: [{ 'anything-but': [] }] }, path: 's[0]', reason: /at least one value/ },
    { name: 'anything-but with mixed types', pattern: { s: [{ 'anything-but': ['a', 1] }] }, path: 's[0]', reason: /only strings or only numbers/ },
    { name: 'anything-but with null in the list', pattern: { s: [{ 'anything-but': ['a', null] }] }, path: 's[0]', reason: /only strings or only numbers/ },
    { name: 'anything-but numeric', pattern: { s: [{ 'anything-but': { numeric: ['>', 1] } }] }, path: 's[0]', reason: /does not support "numeric"/ },
    { name: 'anything-but with two operators', pattern: { s: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] }, path: 's[0]', reason: /exactly one operator/ },
    { name: 'anything-but an empty prefix', pattern: { s: [{ 'anything-but': { prefix: '' } }] }, path: 's[0]', reason: /cannot be empty/ },
    { name: 'anything-but a numeric suffix', pattern: { s: [{ 'anything-but': { suffix: 5 } }] }, path: 's[0]', reason: /takes a string/ },
    { name: 'anything-but wildcard with **', pattern: { s: [{ 'anything-but': { wildcard: ['a*', 'b**'] } }] }, path: 's[0]', reason: /consecutive/ },
    { name: 'anything-but equals-ignore-case with numbers', pattern: { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] }, path: 's[0]', reason: /takes a string/ },
    { name: 'anything-but a number out of range', pattern: { s: [{ 'anything-but': 6e9 }] }, path: 's[0]', reason: /outside what numeric matching supports/ },
    { name: 'numeric that is not an array', pattern: { n: [{ numeric: '>5' }] }, path: 'n[0]', reason: /numeric takes an array/ },
    { name: 'numeric []', pattern: { n: [{ numeric: [] }] }, path: 'n[0]', reason: /numeric must start with/ },
    { name: 'numeric with an unknown operator', pattern: { n: [{ numeric: ['!=', 1] }] }, path: 'n[0]', reason: /numeric must start with/ },
    { name: 'numeric with a string operand', pattern: { n: [{ numeric: ['=', '1'] }] }, path: 'n[0]', reason: /after "=" must be a number/ },
    { name: 'numeric with no operand', pattern: { n: [{ numeric: ['>'] }] }, path: 'n[0]', reason: /after ">" must be a number/ },
    { name: 'numeric upper bound first', pattern: { n: [{ numeric: ['<', 10, '>', 0] }] }, path: 'n[0]', reason: /exactly one number/ },
    { name: 'numeric = with more terms', pattern: { n: [{ numeric: ['=', 1, '<', 2] }] }, path: 'n[0]', reason: /exactly one number/ },
    { name: 'numeric with two lower bounds', pattern: { n: [{ numeric: ['>', 0, '>', 5] }] }, path: 'n[0]', reason: /continues with "<" or "<="/ },
    { name: 'numeric with an empty range', pattern: { n: [{ numeric: ['>', 5, '<', 5] }] }, path: 'n[0]', reason: /lower bound \(5\) below its upper bound \(5\)/ },
    { name: 'numeric with too many terms', pattern: { n: [{ numeric: ['>', 0, '<', 5, 6] }] }, path: 'n[0]', reason: /at most two comparisons/ },
    { name: 'numeric beyond 5e9', pattern: { n: [{ numeric: ['<', 6e9] }] }, path: 'n[0]', reason: /outside what numeric matching supports/ },
    { name: 'numeric with 7 decimals', pattern: { n: [{ numeric: ['>', 1e-7] }] }, path: 'n[0]', reason: /at most 6 decimals/ },
    { name: 'exists with a string', pattern: { n: [{ exists: 'true' }] }, path: 'n[0]', reason: /exists takes true or false/ },
    { name: 'cidr with a number', pattern: { ip: [{ cidr: 10 }] }, path: 'ip[0]', reason: /cidr takes a string/ },
    { name: 'cidr without a mask', pattern: { ip: [{ cidr: '10.0.0.0' }] }, path: 'ip[0]', reason: /exactly one "\/"/ },
    { name: 'cidr with a word as mask', pattern: { ip: [{ cidr: '10.0.0.0/x' }] }, path: 'ip[0]', reason: /must be an integer/ },
    { name: 'cidr with a negative mask', pattern: { ip: [{ cidr: '10.0.0.0/-1' }] }, path: 'ip[0]', reason: /must not be negative/ },
    { name: 'cidr with a full IPv4 mask', pattern: { ip: [{ cidr: '10.0.0.1/32' }] }, path: 'ip[0]', reason: /IPv4 mask must be below 32/ },
    { name: 'cidr with a full IPv6 mask', pattern: { ip: [{ cidr: '2001:db8::1/128' }] }, path: 'ip[0]', reason: /IPv6 mask must be below 128/ },
    { name: 'cidr with an octet above 255', pattern: { ip: [{ cidr: '10.0.0.256/8' }] }, path: 'ip[0]', reason: /not an IPv4 or IPv6 address/ },
    { name: 'cidr with a host name', pattern: { ip: [{ cidr: 'example.com/8' }] }, path: 'ip[0]', reason: /not an IPv4 or IPv6 address/ },
    { name: 'an empty $or', pattern: { $or: [] }, path: '$or', reason: /at least 2 patterns/ },
    { name: 'an $or of one', pattern: { source: ['x'], $or: [{ a: ['b'] }] }, path: '$or', reason: /at least 2 patterns/ },
    { name: 'an $or that is an object', pattern: { $or: { a: ['b'] } }, path: '$or', reason: /at least 2 patterns/ },
    { name: 'an $or alternative that is not an object', pattern: { $or: [{ a: ['b'] }, 'c'] }, path: '$or[1]', reason: /alternative is an object/ },
    { name: 'an empty $or alternative', pattern: { $or: [{ a: ['b'] }, {}] }, path: '$or[1]', reason: /empty object/ },
    { name: 'an operator name as a field inside $or', pattern: { $or: [{ numeric: [123] }, { prefix: ['abc'] }] }, path: '$or[0].numeric', reason: /operator name/ },
    { name: 'a bad leaf deep inside $or', pattern: { detail: { $or: [{ a: ['x'] }, { b: { c: 'y' } }] } }, path: 'detail.$or[1].b.c', reason: /array of match values/ },
  ])('$name', ({ pattern, path, reason }) => {
    const error = refusal(pattern);
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect(error).toMatchObject({ path });
    expect((error as Error).message).toMatch(reason);
    expect(() => matchesPattern(pattern as EventPattern, envelope({}))).toThrow((error as Error).message);
  });

  it('says where and why in the message', () => {
    expect(() => assertValidPattern({ detail: { status: 'paid' } })).toThrow(
      'event pattern at detail.status: a field\'s value is an object or an array of match values, not "paid"',
    );
    expect(() => assertValidPattern({ source: [{ wildcard: 'a**' }] })).toThrow(
      'event pattern at source[0]: wildcard "a**" has consecutive "*" at index 1',
    );
  });

  it.each<{ name: string; pattern: unknown }>([
    { name: 'every documented operator', pattern: { a: [{ prefix: 'x' }, { suffix: 'y' }, { 'equals-ignore-case': 'z' }, { wildcard: 'w*' }, { numeric: ['>=', 0, '<', 1] }, { exists: true }, { cidr: '10.0.0.0/8' }, 'v', 1, true, null] } },
    { name: 'anything-but in every documented form', pattern: { a: [{ 'anything-but': 'x' }, { 'anything-but': 1 }, { 'anything-but': ['x'] }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'p' } }, { 'anything-but': { suffix: ['s'] } }, { 'anything-but': { 'equals-ignore-case': ['e'] } }, { 'anything-but': { wildcard: '*/lib/*' } }] } },
    { name: 'an operator name as a field outside $or', pattern: { detail: { numeric: [1] } } },
    { name: 'the numeric bounds', pattern: { n: [{ numeric: ['>=', -5e9, '<=', 5e9] }, { numeric: ['=', 0.000001] }] } },
    { name: 'prefix and suffix ignoring case', pattern: { s: [{ prefix: { 'equals-ignore-case': 'a' } }, { suffix: { 'equals-ignore-case': 'b' } }] } },
  ])('accepts $name', ({ pattern }) => {
    expect(() => assertValidPattern(pattern)).not.toThrow();
  });
});

describe('the local bus', () => {
  const busEvent = (detailType: string, source: string, data: object) =>
    envelope({ metadata: {}, data }, { 'detail-type': detailType, source, account: '000000000000', region: 'eu-west-3', resources: [] });

  // The wiring derives one rule per queue from the contracts its worker consumes; these checks
  // read the rules rather than name them, so they hold whatever the queues are called.
  const wiringRules: { pattern: EventPattern; queue: string }[] = Object.values(rules);
  const strings = (pattern: EventPattern, field: string) => pattern[field] as readonly string[];

  it('accepts every rule of the wiring', () => {
    expect(wiringRules.length).toBeGreaterThan(0);
    for (const { pattern } of wiringRules) expect(() => assertValidPattern(pattern)).not.toThrow();
  });

  it("routes an event to a rule by the rule's source and detail-type", () => {
    for (const { pattern } of wiringRules) {
      const [source = '', detailType = ''] = [strings(pattern, 'source')[0], strings(pattern, 'detail-type')[0]];
      const unfiltered = Object.keys(pattern).every((field) => field === 'source' || field === 'detail-type');
      expect(matchesPattern(pattern, busEvent(detailType, source, {}))).toBe(unfiltered);
      expect(matchesPattern(pattern, busEvent(detailType, 'commerce.elsewhere', {}))).toBe(false);
      expect(matchesPattern(pattern, busEvent('SomethingElse', source, {}))).toBe(false);
    }
  });

  it('sends StockLow and the order facts to the notifications rule, and no StockChanged', () => {
    const { pattern } = wiringRules.find(({ queue }) => queue === 'notifications') as { pattern: EventPattern };
    expect(matchesPattern(pattern, busEvent('StockLow', 'commerce.inventory', { sku: 'MUG', available: 1 }))).toBe(true);
    expect(matchesPattern(pattern, busEvent('OrderPaid', 'commerce.orders', {}))).toBe(true);
    expect(matchesPattern(pattern, busEvent('StockChanged', 'commerce.inventory', { low: true }))).toBe(false);
    expect(matchesPattern(pattern, busEvent('OrderPlaced', 'commerce.orders', {}))).toBe(false);
  });

  it('matches the JSON the event becomes: a Date is its ISO string', () => {
    const event = { detail: { at: new Date('2024-05-01T10:00:00.000Z') } };
    expect(matchesPattern({ detail: { at: [{ prefix: '2024-05-01' }] } }, event)).toBe(true);
  });

  it('gives the same answer on every call with one pattern object', () => {
    const pattern: EventPattern = { detail: { n: [{ numeric: ['>', 1] }] } };
    expect(matchesPattern(pattern, { detail: { n: 2 } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { n: 1 } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { n: 2 } })).toBe(true);
  });

  it('matches nothing in an event that is not an object', () => {
    expect(matchesPattern({ a: [{ exists: true }] }, 'a')).toBe(false);
    expect(matchesPattern({ a: [{ exists: false }] }, null)).toBe(true);
  });
});
