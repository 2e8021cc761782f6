import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { asNdArray, isTuple, PickleGlobal, PickleObject, unpickle, type PickleValue } from '../../src/io/pickle.js';
import { InputError } from '../../src/errors.js';
import { expectInputError } from '../helpers/errors.js';

const ANCHORS = '../shared/anchors/safran-yehudai-shamir-2021';
const haveAnchors = existsSync(ANCHORS);

/**
 * Pickles written by CPython 3.11 / numpy 2.4 (`pickle.dumps(obj, protocol=N)`, base64), so the
 * reader is checked against the real writer; 'py2numpy' and 'py2text' are hand-assembled in the
 * opcodes Python 2 emits (SHORT_BINSTRING array data, protocol-0 STRING/LONG/UNICODE), and were
 * checked with CPython's pickle.loads. The 'evil*' pickles name os.system via __reduce__.
 */
const FX: Record<string, string> = {
  'evil0': 'Y3Bvc2l4CnN5c3RlbQpwMAooVnRvdWNoIC90bXAvaW9faW52L1BXTkVECnAxCnRwMgpScDMKLg==',
  'evil2': 'gAJdcQAoY3Bvc2l4CnN5c3RlbQpxAVgXAAAAdG91Y2ggL3RtcC9pb19pbnYvUFdORURxAoVxA1JxBEsBZS4=',
  'evil4': 'gASVOQAAAAAAAAB9lIwBeJSMBXBvc2l4lIwGc3lzdGVtlJOUjBd0b3VjaCAvdG1wL2lvX2ludi9QV05FRJSFlFKUcy4=',
  'basic0': 'KGxwMApJMQphSS0xCmFJMjU1CmFJMjU2CmFJNjU1MzUKYUk2NTUzNgphSS0yMTQ3NDgzNjQ4CmFMMjE0NzQ4MzY0OEwKYUw5MjIzMzcyMDM2ODU0Nzc1ODA4TAphTC0xMTgwNTkxNjIwNzE3NDExMzAzNDI0TAphRjEuNQphRi0wLjAKYVZo6WxsbwpwMQphY19jb2RlY3MKZW5jb2RlCnAyCihWXHUwMDAw/wpwMwpWbGF0aW4xCnA0CnRwNQpScDYKYU5hSTAxCmFJMDAKYShJMQpJMgp0cDcKYShJMQp0cDgKYSh0YShscDkKYShkcDEwClZhCnAxMQpJMQpzSTIKVmIKcDEyCnNhKGxwMTMKVngKcDE0CmFnMTQKYWcxNAphYS4=',
  'basic2': 'gAJdcQAoSwFK/////0v/TQABTf//SgAAAQBKAAAAgIoFAAAAgACKCQAAAAAAAACAAIoJAAAAAAAAAADARz/4AAAAAAAAR4AAAAAAAAAAWAYAAABow6lsbG9xAWNfY29kZWNzCmVuY29kZQpxAlgDAAAAAMO/cQNYBgAAAGxhdGluMXEEhnEFUnEGToiJSwFLAoZxB0sBhXEIKV1xCX1xCihYAQAAAGFxC0sBSwJYAQAAAGJxDHVdcQ0oWAEAAAB4cQ5oDmgOZWUu',
  'basic3': 'gANdcQAoSwFK/////0v/TQABTf//SgAAAQBKAAAAgIoFAAAAgACKCQAAAAAAAACAAIoJAAAAAAAAAADARz/4AAAAAAAAR4AAAAAAAAAAWAYAAABow6lsbG9xAUMCAP9xAk6IiUsBSwKGcQNLAYVxBCldcQV9cQYoWAEAAABhcQdLAUsCWAEAAABicQh1XXEJKFgBAAAAeHEKaApoCmVlLg==',
  'basic5': 'gAWVhwAAAAAAAABdlChLAUr/////S/9NAAFN//9KAAABAEoAAACAigUAAACAAIoJAAAAAAAAAIAAigkAAAAAAAAAAMBHP/gAAAAAAABHgAAAAAAAAACMBmjDqWxsb5RDAgD/lE6IiUsBSwKGlEsBhZQpXZR9lCiMAWGUSwFLAowBYpR1XZQojAF4lGgKaAplZS4=',
  'np_F0': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJMgpJMwp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZmOApwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClY8CnAxNQpOTk5JLTEKSS0xCkkwCnRwMTYKYkkwMQpnMwooVlx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMAhAXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAw8D9cdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDAQQFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMEBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDAUQApwMTcKZzUKdHAxOApScDE5CnRwMjAKYi4=',
  'np_F2': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwJLA4ZxCmNudW1weQpkdHlwZQpxC1gCAAAAZjhxDImIh3ENUnEOKEsDWAEAAAA8cQ9OTk5K/////0r/////SwB0cRBiiGgDWDEAAAAAAAAAAAAAAAAAAAAAAAhAAAAAAAAAw7A/AAAAAAAAEEAAAAAAAAAAQAAAAAAAABRAcRFoBYZxElJxE3RxFGIu',
  'np_F3': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLAksDhnEGY251bXB5CmR0eXBlCnEHWAIAAABmOHEIiYiHcQlScQooSwNYAQAAADxxC05OTkr/////Sv////9LAHRxDGKIQzAAAAAAAAAAAAAAAAAAAAhAAAAAAAAA8D8AAAAAAAAQQAAAAAAAAABAAAAAAAAAFEBxDXRxDmIu',
  'np_F5': 'gAWVpgAAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAhAAAAAAAAA8D8AAAAAAAAQQAAAAAAAAABAAAAAAAAAFECUjAVudW1weZSMBWR0eXBllJOUjAJmOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiSwJLA4aUjAFGlHSUUpQu',
  'np_3d0': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJMgpJMwpJNAp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZpOApwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClY8CnAxNQpOTk5JLTEKSS0xCkkwCnRwMTYKYkkwMApnMwooVvv//////////P/////////9//////////7///////////////////9cdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDABXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwAlx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMANcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDAEXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwBVx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMAZcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDAHXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwCFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMAlcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMGFcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDALXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwDFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwZFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMA5cdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDAPXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwEFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMBFcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDASXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwCnAxNwpnNQp0cDE4ClJwMTkKdHAyMApiLg==',
  'np_3d2': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwJLA0sEh3EKY251bXB5CmR0eXBlCnELWAIAAABpOHEMiYiHcQ1ScQ4oSwNYAQAAADxxD05OTkr/////Sv////9LAHRxEGKJaANY6AAAAMO7w7/Dv8O/w7/Dv8O/w7/DvMO/w7/Dv8O/w7/Dv8O/w73Dv8O/w7/Dv8O/w7/Dv8O+w7/Dv8O/w7/Dv8O/w7/Dv8O/w7/Dv8O/w7/Dv8O/AAAAAAAAAAABAAAAAAAAAAIAAAAAAAAAAwAAAAAAAAAEAAAAAAAAAAUAAAAAAAAABgAAAAAAAAAHAAAAAAAAAAgAAAAAAAAACQAAAAAAAAAKAAAAAAAAAAsAAAAAAAAADAAAAAAAAAANAAAAAAAAAA4AAAAAAAAADwAAAAAAAAAQAAAAAAAAABEAAAAAAAAAEgAAAAAAAABxEWgFhnESUnETdHEUYi4=',
  'np_3d3': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLAksDSwSHcQZjbnVtcHkKZHR5cGUKcQdYAgAAAGk4cQiJiIdxCVJxCihLA1gBAAAAPHELTk5OSv////9K/////0sAdHEMYolDwPv//////////P/////////9//////////7///////////////////8AAAAAAAAAAAEAAAAAAAAAAgAAAAAAAAADAAAAAAAAAAQAAAAAAAAABQAAAAAAAAAGAAAAAAAAAAcAAAAAAAAACAAAAAAAAAAJAAAAAAAAAAoAAAAAAAAACwAAAAAAAAAMAAAAAAAAAA0AAAAAAAAADgAAAAAAAAAPAAAAAAAAABAAAAAAAAAAEQAAAAAAAAASAAAAAAAAAHENdHEOYi4=',
  'np_3d5': 'gAWVOAEAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWwAAAAAAAAAD7//////////z//////////f/////////+////////////////////AAAAAAAAAAABAAAAAAAAAAIAAAAAAAAAAwAAAAAAAAAEAAAAAAAAAAUAAAAAAAAABgAAAAAAAAAHAAAAAAAAAAgAAAAAAAAACQAAAAAAAAAKAAAAAAAAAAsAAAAAAAAADAAAAAAAAAANAAAAAAAAAA4AAAAAAAAADwAAAAAAAAAQAAAAAAAAABEAAAAAAAAAEgAAAAAAAACUjAVudW1weZSMBWR0eXBllJOUjAJpOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiSwJLA0sEh5SMAUOUdJRSlC4=',
  'np_be0': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJNAp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZmNApwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClY+CnAxNQpOTk5JLTEKSS0xCkkwCnRwMTYKYkkwMApnMwooVlx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMD+AXHUwMDAwXHUwMDAwQFx1MDAwMFx1MDAwMFx1MDAwMEBAXHUwMDAwXHUwMDAwCnAxNwpnNQp0cDE4ClJwMTkKdHAyMApiLg==',
  'np_be2': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwSFcQpjbnVtcHkKZHR5cGUKcQtYAgAAAGY0cQyJiIdxDVJxDihLA1gBAAAAPnEPTk5OSv////9K/////0sAdHEQYoloA1gRAAAAAAAAAD/CgAAAQAAAAEBAAABxEWgFhnESUnETdHEUYi4=',
  'np_be3': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLBIVxBmNudW1weQpkdHlwZQpxB1gCAAAAZjRxCImIh3EJUnEKKEsDWAEAAAA+cQtOTk5K/////0r/////SwB0cQxiiUMQAAAAAD+AAABAAAAAQEAAAHENdHEOYi4=',
  'np_be5': 'gAWVhAAAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWEAAAAAAAAAAAAAAAP4AAAEAAAABAQAAAlIwFbnVtcHmUjAVkdHlwZZSTlIwCZjSUiYiHlFKUKEsDjAE+lE5OTkr/////Sv////9LAHSUYksEhZSMAUOUdJRSlC4=',
  'np_scalar0': 'KGxwMApjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpzY2FsYXIKcDEKKGNudW1weQpkdHlwZQpwMgooVmY4CnAzCkkwMApJMDEKdHA0ClJwNQooSTMKVjwKcDYKTk5OSS0xCkktMQpJMAp0cDcKYmNfY29kZWNzCmVuY29kZQpwOAooVpqZmZmZmbk/CnA5ClZsYXRpbjEKcDEwCnRwMTEKUnAxMgp0cDEzClJwMTQKYWcxCihnMgooVmk0CnAxNQpJMDAKSTAxCnRwMTYKUnAxNwooSTMKZzYKTk5OSS0xCkktMQpJMAp0cDE4CmJnOAooVvn///8KcDE5CmcxMAp0cDIwClJwMjEKdHAyMgpScDIzCmFnMQooZzIKKFZmNApwMjQKSTAwCkkwMQp0cDI1ClJwMjYKKEkzCmc2Ck5OTkktMQpJLTEKSTAKdHAyNwpiZzgKKFZcdTAwMDBcdTAwMDBcdTAwMDA/CnAyOApnMTAKdHAyOQpScDMwCnRwMzEKUnAzMgphZzEKKGcyCihWYjEKcDMzCkkwMApJMDEKdHAzNApScDM1CihJMwpWfApwMzYKTk5OSS0xCkktMQpJMAp0cDM3CmJnOAooVgEKcDM4CmcxMAp0cDM5ClJwNDAKdHA0MQpScDQyCmEu',
  'np_scalar2': 'gAJdcQAoY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnEBY251bXB5CmR0eXBlCnECWAIAAABmOHEDiYiHcQRScQUoSwNYAQAAADxxBk5OTkr/////Sv////9LAHRxB2JjX2NvZGVjcwplbmNvZGUKcQhYDwAAAMKawpnCmcKZwpnCmcK5P3EJWAYAAABsYXRpbjFxCoZxC1JxDIZxDVJxDmgBaAJYAgAAAGk0cQ+JiIdxEFJxEShLA2gGTk5OSv////9K/////0sAdHESYmgIWAgAAADDucO/w7/Dv3ETaAqGcRRScRWGcRZScRdoAWgCWAIAAABmNHEYiYiHcRlScRooSwNoBk5OTkr/////Sv////9LAHRxG2JoCFgEAAAAAAAAP3EcaAqGcR1ScR6GcR9ScSBoAWgCWAIAAABiMXEhiYiHcSJScSMoSwNYAQAAAHxxJE5OTkr/////Sv////9LAHRxJWJoCFgBAAAAAXEmaAqGcSdScSiGcSlScSplLg==',
  'np_scalar3': 'gANdcQAoY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnEBY251bXB5CmR0eXBlCnECWAIAAABmOHEDiYiHcQRScQUoSwNYAQAAADxxBk5OTkr/////Sv////9LAHRxB2JDCJqZmZmZmbk/cQiGcQlScQpoAWgCWAIAAABpNHELiYiHcQxScQ0oSwNoBk5OTkr/////Sv////9LAHRxDmJDBPn///9xD4ZxEFJxEWgBaAJYAgAAAGY0cRKJiIdxE1JxFChLA2gGTk5OSv////9K/////0sAdHEVYkMEAAAAP3EWhnEXUnEYaAFoAlgCAAAAYjFxGYmIh3EaUnEbKEsDWAEAAAB8cRxOTk5K/////0r/////SwB0cR1iQwEBcR6GcR9ScSBlLg==',
  'np_scalar5': 'gAWVAAEAAAAAAABdlCiMFm51bXB5Ll9jb3JlLm11bHRpYXJyYXmUjAZzY2FsYXKUk5SMBW51bXB5lIwFZHR5cGWUk5SMAmY4lImIh5RSlChLA4wBPJROTk5K/////0r/////SwB0lGJDCJqZmZmZmbk/lIaUUpRoA2gGjAJpNJSJiIeUUpQoSwNoCk5OTkr/////Sv////9LAHSUYkME+f///5SGlFKUaANoBowCZjSUiYiHlFKUKEsDaApOTk5K/////0r/////SwB0lGJDBAAAAD+UhpRSlGgDaAaMAmIxlImIh5RSlChLA4wBfJROTk5K/////0r/////SwB0lGJDAQGUhpRSlGUu',
  'minimum0': 'KGxwMApjY29weV9yZWcKX3JlY29uc3RydWN0b3IKcDEKKGNfX21haW5fXwpNaW5pbXVtCnAyCmNfX2J1aWx0aW5fXwpvYmplY3QKcDMKTnRwNApScDUKKGRwNgpWdmFscwpwNwpjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcDgKKGNudW1weQpuZGFycmF5CnA5CihJMAp0cDEwCmNfY29kZWNzCmVuY29kZQpwMTEKKFZiCnAxMgpWbGF0aW4xCnAxMwp0cDE0ClJwMTUKdHAxNgpScDE3CihJMQooSTEKSTMKdHAxOApjbnVtcHkKZHR5cGUKcDE5CihWZjgKcDIwCkkwMApJMDEKdHAyMQpScDIyCihJMwpWPApwMjMKTk5OSS0xCkktMQpJMAp0cDI0CmJJMDAKZzExCihWXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAw+D9cdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDDAXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwXHUwMDAwCnAyNQpnMTMKdHAyNgpScDI3CnRwMjgKYnNWcApwMjkKZzgKKGc5CihJMAp0cDMwCmcxNQp0cDMxClJwMzIKKEkxCihJMQp0cDMzCmcxOQooVmk0CnAzNApJMDAKSTAxCnRwMzUKUnAzNgooSTMKZzIzCk5OTkktMQpJLTEKSTAKdHAzNwpiSTAwCmcxMQooVgNcdTAwMDBcdTAwMDBcdTAwMDAKcDM4CmcxMwp0cDM5ClJwNDAKdHA0MQpic1ZtdWx0aXBsaWNpdHkKcDQyCkk3CnNWbWluX2VpZwpwNDMKY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnA0NAooZzIyCmcxMQooVlx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMNA/CnA0NQpnMTMKdHA0NgpScDQ3CnRwNDgKUnA0OQpzYmEu',
  'minimum2': 'gAJdcQBjX19tYWluX18KTWluaW11bQpxASmBcQJ9cQMoWAQAAAB2YWxzcQRjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQVjbnVtcHkKbmRhcnJheQpxBksAhXEHY19jb2RlY3MKZW5jb2RlCnEIWAEAAABicQlYBgAAAGxhdGluMXEKhnELUnEMh3ENUnEOKEsBSwFLA4ZxD2NudW1weQpkdHlwZQpxEFgCAAAAZjhxEYmIh3ESUnETKEsDWAEAAAA8cRROTk5K/////0r/////SwB0cRViiWgIWBoAAAAAAAAAAADDuD8AAAAAAAAAw4AAAAAAAAAAAHEWaAqGcRdScRh0cRliWAEAAABwcRpoBWgGSwCFcRtoDIdxHFJxHShLAUsBhXEeaBBYAgAAAGk0cR+JiIdxIFJxIShLA2gUTk5OSv////9K/////0sAdHEiYoloCFgEAAAAAwAAAHEjaAqGcSRScSV0cSZiWAwAAABtdWx0aXBsaWNpdHlxJ0sHWAcAAABtaW5fZWlncShjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpzY2FsYXIKcSloE2gIWAkAAAAAAAAAAADDkD9xKmgKhnErUnEshnEtUnEudWJhLg==',
  'minimum3': 'gANdcQBjX19tYWluX18KTWluaW11bQpxASmBcQJ9cQMoWAQAAAB2YWxzcQRjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQVjbnVtcHkKbmRhcnJheQpxBksAhXEHQwFicQiHcQlScQooSwFLAUsDhnELY251bXB5CmR0eXBlCnEMWAIAAABmOHENiYiHcQ5ScQ8oSwNYAQAAADxxEE5OTkr/////Sv////9LAHRxEWKJQxgAAAAAAAD4PwAAAAAAAADAAAAAAAAAAABxEnRxE2JYAQAAAHBxFGgFaAZLAIVxFWgIh3EWUnEXKEsBSwGFcRhoDFgCAAAAaTRxGYmIh3EaUnEbKEsDaBBOTk5K/////0r/////SwB0cRxiiUMEAwAAAHEddHEeYlgMAAAAbXVsdGlwbGljaXR5cR9LB1gHAAAAbWluX2VpZ3EgY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnEhaA9DCAAAAAAAANA/cSKGcSNScSR1YmEu',
  'minimum5': 'gAWVSgEAAAAAAABdlIwIX19tYWluX1+UjAdNaW5pbXVtlJOUKYGUfZQojAR2YWxzlIwTbnVtcHkuX2NvcmUubnVtZXJpY5SMC19mcm9tYnVmZmVylJOUKJYYAAAAAAAAAAAAAAAAAPg/AAAAAAAAAMAAAAAAAAAAAJSMBW51bXB5lIwFZHR5cGWUk5SMAmY4lImIh5RSlChLA4wBPJROTk5K/////0r/////SwB0lGJLAUsDhpSMAUOUdJRSlIwBcJRoCSiWBAAAAAAAAAADAAAAlGgNjAJpNJSJiIeUUpQoSwNoEU5OTkr/////Sv////9LAHSUYksBhZRoFHSUUpSMDG11bHRpcGxpY2l0eZRLB4wHbWluX2VpZ5SMFm51bXB5Ll9jb3JlLm11bHRpYXJyYXmUjAZzY2FsYXKUk5RoEEMIAAAAAAAA0D+UhpRSlHViYS4=',
  'np_f20': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJMgp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZmMgpwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClY8CnAxNQpOTk5JLTEKSS0xCkkwCnRwMTYKYkkwMApnMwooVlx1MDAwMDhcdTAwMDC9CnAxNwpnNQp0cDE4ClJwMTkKdHAyMApiLg==',
  'np_f22': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwKFcQpjbnVtcHkKZHR5cGUKcQtYAgAAAGYycQyJiIdxDVJxDihLA1gBAAAAPHEPTk5OSv////9K/////0sAdHEQYoloA1gFAAAAADgAwr1xEWgFhnESUnETdHEUYi4=',
  'np_f23': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLAoVxBmNudW1weQpkdHlwZQpxB1gCAAAAZjJxCImIh3EJUnEKKEsDWAEAAAA8cQtOTk5K/////0r/////SwB0cQxiiUMEADgAvXENdHEOYi4=',
  'np_f25': 'gAWVeAAAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWBAAAAAAAAAAAOAC9lIwFbnVtcHmUjAVkdHlwZZSTlIwCZjKUiYiHlFKUKEsDjAE8lE5OTkr/////Sv////9LAHSUYksChZSMAUOUdJRSlC4=',
  'np_c160': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJMQp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZjMTYKcDEyCkkwMApJMDEKdHAxMwpScDE0CihJMwpWPApwMTUKTk5OSS0xCkktMQpJMAp0cDE2CmJJMDAKZzMKKFZcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDBcdTAwMDDwP1x1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMFx1MDAwMEAKcDE3Cmc1CnRwMTgKUnAxOQp0cDIwCmIu',
  'np_c162': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwGFcQpjbnVtcHkKZHR5cGUKcQtYAwAAAGMxNnEMiYiHcQ1ScQ4oSwNYAQAAADxxD05OTkr/////Sv////9LAHRxEGKJaANYEQAAAAAAAAAAAMOwPwAAAAAAAABAcRFoBYZxElJxE3RxFGIu',
  'np_c163': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLAYVxBmNudW1weQpkdHlwZQpxB1gDAAAAYzE2cQiJiIdxCVJxCihLA1gBAAAAPHELTk5OSv////9K/////0sAdHEMYolDEAAAAAAAAPA/AAAAAAAAAEBxDXRxDmIu',
  'np_c165': 'gAWVhQAAAAAAAACME251bXB5Ll9jb3JlLm51bWVyaWOUjAtfZnJvbWJ1ZmZlcpSTlCiWEAAAAAAAAAAAAAAAAADwPwAAAAAAAABAlIwFbnVtcHmUjAVkdHlwZZSTlIwDYzE2lImIh5RSlChLA4wBPJROTk5K/////0r/////SwB0lGJLAYWUjAFDlHSUUpQu',
  'np_obj0': 'Y251bXB5Ll9jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnAwCihjbnVtcHkKbmRhcnJheQpwMQooSTAKdHAyCmNfY29kZWNzCmVuY29kZQpwMwooVmIKcDQKVmxhdGluMQpwNQp0cDYKUnA3CnRwOApScDkKKEkxCihJMgp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZPOApwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClZ8CnAxNQpOTk5JLTEKSS0xCkk2Mwp0cDE2CmJJMDAKKGxwMTcKTmFJMQphdHAxOApiLg==',
  'np_obj2': 'gAJjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECY19jb2RlY3MKZW5jb2RlCnEDWAEAAABicQRYBgAAAGxhdGluMXEFhnEGUnEHh3EIUnEJKEsBSwKFcQpjbnVtcHkKZHR5cGUKcQtYAgAAAE84cQyJiIdxDVJxDihLA1gBAAAAfHEPTk5OSv////9K/////0s/dHEQYoldcREoTksBZXRxEmIu',
  'np_obj3': 'gANjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcQBjbnVtcHkKbmRhcnJheQpxAUsAhXECQwFicQOHcQRScQUoSwFLAoVxBmNudW1weQpkdHlwZQpxB1gCAAAATzhxCImIh3EJUnEKKEsDWAEAAAB8cQtOTk5K/////0r/////Sz90cQxiiV1xDShOSwFldHEOYi4=',
  'np_obj5': 'gAWVjQAAAAAAAACMFm51bXB5Ll9jb3JlLm11bHRpYXJyYXmUjAxfcmVjb25zdHJ1Y3SUk5SMBW51bXB5lIwHbmRhcnJheZSTlEsAhZRDAWKUh5RSlChLAUsChZRoA4wFZHR5cGWUk5SMAk84lImIh5RSlChLA4wBfJROTk5K/////0r/////Sz90lGKJXZQoTksBZXSUYi4=',
  'setfs0': 'KGxwMApjX19idWlsdGluX18Kc2V0CnAxCigobHAyCkkxCmF0cDMKUnA0CmFjX19idWlsdGluX18KZnJvemVuc2V0CnA1CigobHA2CkkyCmF0cDcKUnA4CmEu',
  'setfs2': 'gAJdcQAoY19fYnVpbHRpbl9fCnNldApxAV1xAksBYYVxA1JxBGNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcQVdcQZLAmGFcQdScQhlLg==',
  'setfs3': 'gANdcQAoY2J1aWx0aW5zCnNldApxAV1xAksBYYVxA1JxBGNidWlsdGlucwpmcm96ZW5zZXQKcQVdcQZLAmGFcQdScQhlLg==',
  'setfs5': 'gAWVEAAAAAAAAABdlCiPlChLAZAoSwKRlGUu',
  'py2numpy': 'gAJjbnVtcHkuY29yZS5tdWx0aWFycmF5Cl9yZWNvbnN0cnVjdApxAGNudW1weQpuZGFycmF5CnEBSwCFcQJVAWKHcQNScQQoSwFLA4VjbnVtcHkKZHR5cGUKcQVVAmY4SwBLAYdScQYoSwNVATxOTk5K/////0r/////SwB0YolVGJqZmZmZmbk/AAAAAAAAAMAAAAAAAAAIQHRiLg==',
  'py2text': 'KGxwMApTJ2FiXHgwMGNcJ2QnCnAxCmFJNDIKYUwxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTBMCmFGMS41CmFWXHUyMGFjIHgKcDIKYUkwMQphZzEKYS4=',
};

const fx = (name: string): Uint8Array => new Uint8Array(Buffer.from(FX[name]!, 'base64'));

describe('unpickle: plain Python values, protocols 0–5', () => {
  for (const proto of [0, 2, 3, 5]) {
    it(`protocol ${proto}`, () => {
      const v = unpickle(fx(`basic${proto}`), 'basic.p') as PickleValue[];
      expect(Array.isArray(v) && !isTuple(v)).toBe(true);
      expect(v.slice(0, 10)).toEqual([1, -1, 255, 256, 65535, 65536, -2147483648, 2147483648, 9223372036854775808n, -1180591620717411303424n]);
      expect(v[10]).toBe(1.5);
      expect(Object.is(v[11], -0)).toBe(true);
      expect(v[12]).toBe('héllo');
      expect(v[13]).toEqual(new Uint8Array([0, 255]));
      expect(v.slice(14, 17)).toEqual([null, true, false]);
      expect(isTuple(v[17]) && isTuple(v[18]) && isTuple(v[19])).toBe(true);
      expect(v.slice(17, 20)).toEqual([[1, 2], [1], []]);
      expect(isTuple(v[20])).toBe(false);
      expect(v[20]).toEqual([]);
      expect(v[21]).toEqual(new Map<PickleValue, PickleValue>([['a', 1], [2, 'b']]));
      expect(v[22]).toEqual(['x', 'x', 'x']);
      expect(v).toHaveLength(23);
    });
  }

  it('sets and frozensets', () => {
    for (const proto of [0, 2, 3, 5]) {
      expect(unpickle(fx(`setfs${proto}`))).toEqual([new Set([1]), new Set([2])]);
    }
  });

  it('Python 2 text opcodes: STRING with escapes, INT bools, LONG, FLOAT, UNICODE, GET', () => {
    expect(unpickle(fx('py2text'))).toEqual(["ab\x00c'd", 42, 123456789012345678901234567890n, 1.5, '\u20ac x', true, "ab\x00c'd"]);
  });
});

describe('unpickle: numpy arrays and scalars', () => {
  for (const proto of [0, 2, 3, 5]) {
    it(`protocol ${proto}`, () => {
      const f = asNdArray(unpickle(fx(`np_F${proto}`)))!;
      expect(f.shape).toEqual([2, 3]);
      expect(f.dtype).toBe('<f8');
      expect(Array.from(f.data)).toEqual([0, 1, 2, 3, 4, 5]); // C order although stored Fortran-order
      const c = asNdArray(unpickle(fx(`np_3d${proto}`)))!;
      expect(c.dtype).toBe('<i8');
      expect(c.shape).toEqual([2, 3, 4]);
      expect(Array.from(c.data)).toEqual(Array.from({ length: 24 }, (_, i) => i - 5));
      const be = asNdArray(unpickle(fx(`np_be${proto}`)))!;
      expect(be.dtype).toBe('>f4');
      expect(Array.from(be.data)).toEqual([0, 1, 2, 3]);
      const h = asNdArray(unpickle(fx(`np_f2${proto}`)))!;
      expect(h.dtype).toBe('<f2');
      expect(Array.from(h.data)).toEqual([0.5, -1.25]);
      expect(unpickle(fx(`np_scalar${proto}`))).toEqual([0.1, -7, 0.5, 1]);
    });
  }

  it('arrays written by numpy under Python 2 (data as a latin-1 str)', () => {
    const a = asNdArray(unpickle(fx('py2numpy')))!;
    expect(a.shape).toEqual([3]);
    expect(Array.from(a.data)).toEqual([0.1, -2, 3]);
  });

  it('complex and object arrays are refused with InputError, other values are not arrays', () => {
    for (const proto of [0, 2, 3, 5]) {
      expectInputError(() => asNdArray(unpickle(fx(`np_c16${proto}`)), 'c.p'), /c\.p: numpy array of unsupported dtype 'c16'/);
      expectInputError(() => asNdArray(unpickle(fx(`np_obj${proto}`)), 'o.p'), /unsupported dtype 'O8'/);
    }
    expect(asNdArray([1, 2])).toBeUndefined();
    expect(asNdArray(3)).toBeUndefined();
  });

  it('Minimum objects become records with their attribute dictionary', () => {
    for (const proto of [0, 2, 3, 5]) {
      const list = unpickle(fx(`minimum${proto}`)) as PickleValue[];
      expect(list).toHaveLength(1);
      const m = list[0] as PickleObject;
      expect(m).toBeInstanceOf(PickleObject);
      expect(m.__class__).toEqual(new PickleGlobal('__main__', 'Minimum'));
      const state = m.state as Map<PickleValue, PickleValue>;
      expect(Array.from(asNdArray(state.get('vals')!)!.data)).toEqual([1.5, -2, 0]);
      expect(asNdArray(state.get('vals')!)!.shape).toEqual([1, 3]);
      expect(Array.from(asNdArray(state.get('p')!)!.data)).toEqual([3]);
      expect(state.get('multiplicity')).toBe(7);
      expect(state.get('min_eig')).toBe(0.25);
    }
  });
});

describe('unpickle never executes anything', () => {
  it('a REDUCE of os.system yields an inert record naming it', () => {
    for (const name of ['evil0', 'evil2', 'evil4']) {
      const v = unpickle(fx(name), name);
      const rec = (name === 'evil0' ? v : name === 'evil2' ? (v as PickleValue[])[0] : (v as Map<PickleValue, PickleValue>).get('x')) as PickleObject;
      expect(rec).toBeInstanceOf(PickleObject);
      expect(rec.__class__).toEqual(new PickleGlobal('posix', 'system'));
      expect(rec.args).toEqual(['touch /tmp/io_inv/PWNED']);
    }
  });

  it('a global is a plain descriptor', () => {
    // GLOBAL 'builtins eval', STOP
    const g = unpickle(new Uint8Array(Buffer.from('cbuiltins\neval\n.', 'latin1')));
    expect(g).toBeInstanceOf(PickleGlobal);
    expect(g).toEqual(new PickleGlobal('builtins', 'eval'));
  });
});

describe('unpickle errors', () => {
  it('truncation anywhere is an InputError with the file and offset', () => {
    const b = fx('minimum3');
    for (let cut = 0; cut < b.length; cut++) {
      expectInputError(() => unpickle(b.subarray(0, cut), 'm.p'), /^m\.p: .* at byte offset \d+$/);
    }
  });

  it('names the problem', () => {
    const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
    expectInputError(() => unpickle(bytes('\x80\x03\xff.'), 'u.p'), /u\.p: unknown pickle opcode 0xff at byte offset 2/);
    expectInputError(() => unpickle(bytes('\x80\x03h\x07.'), 'g.p'), /memo entry 7 is missing at byte offset 2/);
    expectInputError(() => unpickle(bytes('\x80\x03a.'), 's.p'), /stack underflow at byte offset 2/);
    expectInputError(() => unpickle(bytes('\x80\x03K\x01Q.'), 'p.p'), /persistent ids are not supported/);
    expectInputError(() => unpickle(bytes('\x80\x09N.'), 'v.p'), /protocol 9/);
    expectInputError(() => unpickle(bytes('\x80\x03X\x02\x00\x00\x00\xff\xfe.'), 'x.p'), /invalid UTF-8/);
    expectInputError(() => unpickle(bytes('\x80\x03K\x01K\x02R.'), 'r.p'), /REDUCE callable is not a class reference/);
    expectInputError(() => unpickle(bytes('\x80\x03K\x01'), 'n.p'), /no STOP/);
    expectInputError(() => unpickle(bytes('\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\x7f.'), 'big.p'), /exceeds the file size/);
  });
});

describe('unpickle fuzzing', () => {
  const sources: [string, Uint8Array][] = [
    ['minimum3', fx('minimum3')],
    ['minimum0', fx('minimum0')],
    ['np_3d5', fx('np_3d5')],
  ];
  if (haveAnchors) sources.push(['k=10', new Uint8Array(readFileSync(`${ANCHORS}/Processed minima k=10.p`))]);

  function onlyInputErrors(b: Uint8Array): void {
    try {
      const v = unpickle(b, 'fuzz.p');
      const visit = (x: PickleValue): void => {
        asNdArray(x, 'fuzz.p');
        if (x instanceof PickleObject && x.state !== undefined) asNdArray(x.state, 'fuzz.p');
      };
      if (Array.isArray(v)) (v as PickleValue[]).forEach(visit);
      else visit(v);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      expect(e.message.startsWith('fuzz.p: ')).toBe(true);
    }
  }

  for (const [label, bytes] of sources) {
    it(`truncations and byte flips of ${label} end in InputError or a value`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => onlyInputErrors(bytes.subarray(0, cut))), { numRuns: 100 });
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
          const b = bytes.slice();
          for (const [pos, x] of flips) b[pos]! ^= x;
          onlyInputErrors(b);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('random bytes end in InputError or a value', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyInputErrors(b)), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyInputErrors(Uint8Array.from([0x80, 3, ...b]))), { numRuns: 500 });
  });
});

describe.skipIf(!haveAnchors)('unpickle on the 2021 anchor files', () => {
  const files = haveAnchors ? readdirSync(ANCHORS).filter((f) => f.endsWith('.p')) : [];
  for (const f of files) {
    it(`${f}: a list of Minimum records with consistent vals and p`, () => {
      const k = Number(/k=(\d+)\.p$/.exec(f)![1]);
      const list = unpickle(new Uint8Array(readFileSync(`${ANCHORS}/${f}`)), f) as PickleValue[];
      expect(Array.isArray(list)).toBe(true);
      expect(list.length).toBeGreaterThan(0);
      for (const rec of list) {
        expect(rec).toBeInstanceOf(PickleObject);
        const m = rec as PickleObject;
        expect(m.__class__.name).toBe('Minimum');
        const state = m.state as Map<PickleValue, PickleValue>;
        const p = asNdArray(state.get('p')!, f)!;
        const vals = asNdArray(state.get('vals')!, f)!;
        const blocks = p.data.length;
        expect(p.data.reduce((s, x) => s + x, 0)).toBe(k);
        expect(vals.data.length).toBe(blocks * (blocks + 1));
        expect(typeof state.get('multiplicity')).toBe('number');
        expect(typeof state.get('min_eig')).toBe('number');
      }
    });
  }
});
