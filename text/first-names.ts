/**
 * Given names common among the people the network serves (Italian, and the larger communities of
 * the province: Indian, Moroccan, Romanian, Albanian, Chinese, Ukrainian, English-speaking), folded.
 * Redaction reads one of them as a person whatever its case.
 */
export const FIRST_NAMES = new Set(
  (
    'alessandro alessandra alessio alberto alice andrea angela anna antonio antonella arianna beatrice benedetta carlo carla caterina ' +
    'cristina cristian daniele daniela davide debora diego domenico edoardo elena eleonora elisa elisabetta emanuele emma enrico ' +
    'erika ettore fabio fabrizio federico federica filippo francesco francesca gabriele gabriella giacomo gianluca gianni giada ' +
    'giorgia giorgio giovanni giovanna giulia giulio giuseppe giuseppina greta ilaria irene jacopo lorenzo lorena luca lucia ' +
    'luciano luigi luisa manuel manuela marco maria mariagrazia mariarosa marta martina massimo matteo mattia maurizio michele michela ' +
    'monica nadia nicola nicolo noemi paola paolo patrizia pietro raffaele riccardo roberto roberta rocco samuele sara ' +
    'silvia simone simona sofia stefano stefania tommaso valentina valeria valerio vanessa veronica vincenzo vittoria vittorio ' +
    'ludovica camilla cecilia chiaretta denise elia enea gaia ginevra giorgina lisa loredana mirko nadia ornella rebecca rita ' +
    'sabrina samuela sergio silvano tiziana tiziano ugo umberto walter wanda yuri zeno ' +
    // Communities of the province
    'mohamed mohammed muhammad mohammad ahmed ahmad fatima fatma youssef yousef omar hassan hussein khadija aisha amina karim ' +
    'rachid mustafa ibrahim abdul abdullah samir nadia latifa salma imane hamza ayoub bilal ' +
    'gurpreet harpreet manpreet simranjeet jaspreet amandeep navdeep sandeep kuldeep rajinder sukhwinder singh kaur ' +
    'andrei ionut alexandru mihai ioana florin cristi bogdan gheorghe vasile adriana oana ' +
    'arben ermal besnik ardit klodian elona ' +
    'olena oksana olga iryna natalia tetiana yulia dmytro oleksandr serhii ' +
    'wei jing xiaoming yan ling ' +
    'john james michael david robert william thomas richard sarah emily jessica jennifer elizabeth emma olivia sophie ' +
    'daniel matthew andrew peter paul george'
  ).split(' '),
);

/**
 * Given names that are also everyday words ("rosa", "chiara", "primo", "grace"): a person only when
 * written with a capital, and even then only before a capitalised surname.
 */
export const AMBIGUOUS_NAMES = new Set(
  (
    'rosa viola chiara bianca serena stella vera gioia sole celeste franco felice fortunato angelo santo marina aurora alba ' +
    'flora gemma perla fiore speranza grazia pia primo dante ali li grace hope rose may june april faith joy mark bill'
  ).split(' '),
);
