/**
 * The closed list of words that may be read as units, and nothing else: a word missing here is part
 * of the answer, never set aside. Each spelling maps to canonical text (see canonical.ts) built from
 * mathjs unit names, so only text from this file ever reaches mathjs.
 *
 * Choices: `tons` is the US short ton (mathjs's `ton`), `tonnes` the metric one; `pounds` is mass
 * (sterling is only `£`/`GBP`); `cents` are dollar cents; `degrees` and `°` are angles unless
 * Celsius/Fahrenheit follows; `units`, `square units` and counter words (个, 只, 人…) are dimensionless.
 * Each currency is its own dimension, so dollars never equal euros; convert.ts defines the names mathjs
 * lacks (currencies, `cal`).
 */
import { canonicalText, type Factor, parseCanonical } from "./canonical.ts";

export type Lexeme =
  | { kind: "unit"; factors: readonly Factor[] }
  /** `square`, `cubic`, 平方: raises the unit that follows. */
  | { kind: "prefix"; power: number }
  /** `carrés`, `cuadrados`, مربع: raises the unit before (the word order of those languages). */
  | { kind: "postfix"; power: number }
  /** `per`, `/`, 每: divides by the unit that follows. */
  | { kind: "per" }
  /** `Celsius` after `degrees`/`°`: the temperature scale, not the angle. */
  | { kind: "scale"; name: string };

/** Symbols whose case carries meaning (mW and MW, m and M), matched exactly. */
const SYMBOLS: Record<string, string> = {
  m: "m м",
  mm: "mm мм",
  um: "\u00b5m \u03bcm",
  nm: "nm",
  inch: "in",
  mi: "mi",
  hectare: "ha",
  L: "L л",
  mL: "mL ml мл",
  g: "g г",
  mg: "mg мг",
  s: "s с",
  ms: "ms мс",
  h: "h ч",
  J: "J Дж",
  kJ: "kJ кДж",
  MJ: "MJ",
  cal: "cal",
  erg: "erg ergs",
  kcal: "kcal Cal ккал",
  W: "W Вт",
  kW: "kW кВт",
  MW: "MW",
  N: "N Н",
  kN: "kN",
  Pa: "Pa Па",
  kPa: "kPa кПа",
  MPa: "MPa",
  V: "V В",
  mV: "mV",
  kV: "kV",
  A: "A",
  mA: "mA",
  ohm: "\u03a9 \u2126",
  kohm: "k\u03a9 k\u2126",
  Hz: "Hz Гц",
  kHz: "kHz",
  MHz: "MHz",
  GHz: "GHz",
  eV: "eV",
  keV: "keV",
  MeV: "MeV",
  K: "K",
  mol: "mol",
  deg: "°",
  degC: "°C ℃",
  degF: "°F ℉",
  dollar: "\\$ USD",
  cent: "¢",
  euro: "€ EUR",
  sterling: "£ GBP",
  rupee: "₹ INR Rs",
  ruble: "₽ RUB",
  yuan: "CNY RMB",
  yen: "JPY",
};

/** Spelled-out words and abbreviations whose case does not matter (Meter, KM, Stunden), matched lower-cased. */
const WORDS: Record<string, string> = {
  m: "meter meters metre metres mètre mètres metro metros metri метр метра метров метры متر أمتار امتار मीटर 米 メートル",
  dm: "dm decimeter decimeters decimetre decimetres дециметр дециметра дециметров 分米",
  cm:
    "cm centimeter centimeters centimetre centimetres centimètre centimètres centímetro centímetros centimetro" +
    " centimetros centimetri zentimeter см сантиметр сантиметра сантиметров सेमी सेंटीमीटर سم سنتيمتر 厘米 センチメートル センチ",
  mm:
    "millimeter millimeters millimetre millimetres millimètre millimètres milímetro milímetros millimetro millimetri" +
    " миллиметр миллиметра миллиметров मिमी مم مليمتر 毫米 ミリメートル",
  km:
    "km kilometer kilometers kilometre kilometres kilomètre kilomètres kilómetro kilómetros quilômetro quilômetros" +
    " quilómetro quilómetros chilometro chilometri км километр километра километров किमी किलोमीटर كم كيلومتر" +
    " 千米 公里 キロメートル",
  um: "micrometer micrometers micrometre micrometres micron microns",
  nm: "nanometer nanometers nanometre nanometres",
  inch: "inch inches pulgada pulgadas polegada polegadas дюйм дюйма дюймов 英寸 インチ",
  ft: "ft foot feet фут фута футов 英尺 フィート",
  yd: "yd yds yard yards ярд ярда ярдов",
  mi: "mile miles milla millas milha milhas миля мили миль 英里 マイル",
  "mi/h": "mph",
  "km/h": "kph kmh kmph",
  "m^2": "sqm qm quadratmeter",
  "ft^2": "sqft",
  "cm^2": "quadratzentimeter",
  "km^2": "quadratkilometer",
  "m^3": "kubikmeter",
  "cm^3": "kubikzentimeter",
  hectare: "hectare hectares гектар гектара гектаров 公顷 ヘクタール",
  acre: "acre acres 英亩",
  L: "liter liters litre litres litro litros litri литр литра литров लीटर لتر 升 リットル",
  mL: "milliliter milliliters millilitre millilitres mililitro mililitros миллилитр миллилитра миллилитров 毫升 ミリリットル",
  cc: "cc",
  gal: "gal gallon gallons галлон галлона галлонов 加仑 ガロン",
  qt: "qt quart quarts",
  cup: "cup cups",
  kg:
    "kg kilogram kilograms kilogramme kilogrammes kilogramo kilogramos quilograma quilogramas chilogrammo" +
    " chilogrammi kilogramm кг килограмм килограмма килограммов किलो किलोग्राम किग्रा كغ كجم كيلوغرام" +
    " كيلوجرام 千克 公斤 キログラム",
  g: "gram grams gramme grammes gramo gramos grama gramas grammo grammi gramm грамм грамма граммов ग्राम غرام جرام جم 克 グラム",
  mg:
    "milligram milligrams milligramme milligrammes miligramo miligramos milligrammo milligrammi миллиграмм" +
    " миллиграмма миллиграммов 毫克 ミリグラム",
  tonne: "tonne tonnes tonelada toneladas тонна тонны тонн 吨 トン",
  ton: "ton tons",
  lb: "lb lbs pound pounds libra libras фунт фунта фунтов 磅 ポンド",
  oz: "oz ounce ounces onza onzas унция унции унций 盎司 オンス",
  s:
    "sec secs seg second seconds seconde secondes segundo segundos secondo secondi sekunde sekunden секунда секунды" +
    " секунд секунду сек सेकंड ثانية ثوان ثواني 秒",
  ms: "millisecond milliseconds миллисекунда миллисекунды миллисекунд 毫秒 ミリ秒",
  min: "min mins minute minutes minuto minutos minuti minuten минута минуты минут минуту мин मिनट دقيقة دقائق 分钟 分",
  h: "hr hrs hour hours heure heures hora horas ora ore stunde stunden час часа часов घंटे घंटा घंटों ساعة ساعات 小时 時間",
  day: "day days jour jours día días dia dias giorno giorni tag tage день дня дней сутки суток दिन يوم أيام ايام 天 日",
  week:
    "wk wks week weeks semaine semaines semana semanas settimana settimane woche wochen неделя недели недель неделю" +
    " सप्ताह أسبوع أسابيع 周 星期 週間",
  month:
    "month months mois mes meses mese mesi monat monate месяц месяца месяцев महीने महीना شهر أشهر شهور 个月 ヶ月 か月 カ月",
  year: "yr yrs year years année années año años ano anos anno anni jahr jahre год года лет साल वर्ष سنة سنوات 年",
  J: "joule joules джоуль джоуля джоулей 焦耳 ジュール",
  kJ: "kilojoule kilojoules килоджоуль килоджоуля килоджоулей 千焦",
  cal: "calorie calories калория калории калорий 卡",
  kcal: "kilocalorie kilocalories килокалория килокалории килокалорий 千卡",
  W: "watt watts ватт 瓦 ワット",
  kW: "kilowatt kilowatts киловатт 千瓦",
  kWh: "kwh",
  N: "newton newtons ньютон ньютона ньютонов 牛顿 ニュートン",
  Pa: "pascal pascals паскаль паскаля паскалей 帕斯卡 パスカル",
  atm: "atm atmosphere atmospheres",
  psi: "psi",
  V: "volt volts вольт вольта 伏特 ボルト",
  A: "ampere amperes amp amps ампер ампера 安培 アンペア",
  ohm: "ohm ohms ом ома 欧姆 オーム",
  Hz: "hertz герц 赫兹 ヘルツ",
  eV: "electronvolt electronvolts",
  K: "kelvin kelvins кельвин кельвина кельвинов 开尔文 ケルビン",
  deg: "deg degree degrees degré degrés grado grados grau graus grad градус градуса градусов डिग्री درجة درجات",
  degC: "摄氏度",
  rad: "rad radian radians радиан радиана 弧度 ラジアン",
  mol: "mole moles моль 摩尔",
  dollar:
    "dollar dollars dólar dólares dolar dolares dollaro dollari доллар доллара долларов डॉलर دولار دولارات 美元 ドル",
  cent: "cent cents цент цента центов 美分 セント",
  euro: "euro euros евро यूरो يورو 欧元 ユーロ",
  sterling: "英镑",
  pence: "pence penny pennies",
  yuan: "yuan 元 人民币",
  yen: "yen 円 日元",
  rupee: "rupee rupees रुपये रुपए रुपया 卢比",
  ruble: "ruble rubles rouble roubles рубль рубля рублей руб 卢布",
  kopeck: "kopeck kopecks копейка копейки копеек коп",
  "1":
    "unit units unité unités unidad unidades unidade unità единица единицы единиц इकाई وحدة وحدات" +
    " 个 只 人 本 名 位 张 条 條 辆 件 棵 头 种 次 颗 枚 個 匹 冊 台 つ",
};

const PREFIXES: Record<number, string> = {
  2: "square sq квадратный квадратных квадратного квадратные кв वर्ग 平方",
  3: "cubic cu кубический кубических кубического кубические куб घन 立方",
};

/** Adjectives that follow the unit in French, Spanish, Portuguese, Italian and Arabic. */
const POSTFIXES: Record<number, string> = {
  2: "carré carrés carrée carrées cuadrado cuadrados quadrado quadrados quadrato quadrati مربع",
  3: "cubes cúbico cúbicos cubico cubici cubo cubi مكعب",
};

const PER = "per par por pro в 每";

const SCALES: Record<string, string> = {
  degC: "celsius centigrade centígrados centigrados цельсия C",
  degF: "fahrenheit фаренгейта F",
};

/** Scripts written without spaces between words, so a run of them is split by lookup (a regex class). */
export const CJK_SCRIPTS = "\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}";
const CJK = new RegExp(`[${CJK_SCRIPTS}]`, "u");

const exact = new Map<string, Lexeme>();
const folded = new Map<string, Lexeme>();
const names = new Set<string>();

function add(table: Map<string, Lexeme>, spellings: string, lexeme: Lexeme): void {
  for (const spelling of spellings.split(" ")) {
    const key = table === folded ? spelling.toLowerCase() : spelling;
    if (table.has(key)) throw new Error(`unit spelling listed twice: ${spelling}`);
    table.set(key, lexeme);
  }
}

function unitLexeme(canonical: string): Lexeme {
  const factors = parseCanonical(canonical);
  if (!factors) throw new Error(`not canonical unit text: ${canonical}`);
  for (const { name } of factors) names.add(name);
  return { kind: "unit", factors };
}

for (const [canonical, spellings] of Object.entries(SYMBOLS)) add(exact, spellings, unitLexeme(canonical));
for (const [canonical, spellings] of Object.entries(WORDS)) add(folded, spellings, unitLexeme(canonical));
for (const [power, spellings] of Object.entries(PREFIXES))
  add(folded, spellings, { kind: "prefix", power: Number(power) });
for (const [power, spellings] of Object.entries(POSTFIXES))
  add(folded, spellings, { kind: "postfix", power: Number(power) });
add(folded, PER, { kind: "per" });
for (const [name, spellings] of Object.entries(SCALES)) {
  names.add(name);
  // `C` and `F` alone are constants or choice letters: only Celsius/Fahrenheit spelled out fold case.
  for (const spelling of spellings.split(" "))
    add(spelling.length === 1 ? exact : folded, spelling, { kind: "scale", name });
}

/** The longest spelling in a script without spaces: how far a run is looked ahead. */
export const LONGEST_CJK_SPELLING = Math.max(
  ...[...folded.keys(), ...exact.keys()].filter((s) => CJK.test(s)).map((s) => s.length),
);

export function lexeme(word: string): Lexeme | null {
  const found = exact.get(word) ?? folded.get(word.toLowerCase());
  if (found) return found;
  // Accents may come decomposed (e + U+0300): the list is written composed.
  const composed = word.normalize("NFC");
  return composed === word ? null : lexeme(composed);
}

/** Whether text is canonical unit text made only of this vocabulary's unit names: safe to give mathjs. */
export function isCanonicalUnit(text: string): boolean {
  const factors = parseCanonical(text);
  if (factors === null) return false;
  return factors.every(({ name }) => names.has(name)) && canonicalText(factors) === text;
}

/** Every single-word spelling read as a unit, with its canonical text: for tests and documentation. */
export function unitSpellings(): [spelling: string, canonical: string][] {
  const out: [string, string][] = [];
  for (const table of [exact, folded])
    for (const [spelling, lex] of table)
      if (lex.kind === "unit") out.push([spelling, canonicalText(lex.factors)]);
  return out;
}
