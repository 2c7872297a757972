import type { Book } from './book';

type BookEntry = Omit<Book, 'cover'>;

// Every title here is in the public domain in the United States.
const entries: BookEntry[] = [
  {
    id: 'b01',
    slug: 'pride-and-prejudice',
    title: 'Pride and Prejudice',
    author: 'Jane Austen',
    year: 1813,
    price: 1299,
    description:
      'Elizabeth Bennet matches wits with the proud Mr Darcy in a comedy of manners about first impressions and second thoughts.',
  },
  {
    id: 'b02',
    slug: 'moby-dick',
    title: 'Moby-Dick',
    author: 'Herman Melville',
    year: 1851,
    price: 1899,
    description:
      'Ishmael signs on to the whaler Pequod and follows Captain Ahab on his obsessive hunt for the white whale.',
  },
  {
    id: 'b03',
    slug: 'frankenstein',
    title: 'Frankenstein',
    author: 'Mary Shelley',
    year: 1818,
    price: 1099,
    description:
      'A young scientist gives life to a creature and then abandons it, with consequences for them both.',
  },
  {
    id: 'b04',
    slug: 'the-adventures-of-sherlock-holmes',
    title: 'The Adventures of Sherlock Holmes',
    author: 'Arthur Conan Doyle',
    year: 1892,
    price: 1199,
    description:
      'Twelve cases of the consulting detective of Baker Street, told by his friend Dr Watson.',
  },
  {
    id: 'b05',
    slug: 'alices-adventures-in-wonderland',
    title: "Alice's Adventures in Wonderland",
    author: 'Lewis Carroll',
    year: 1865,
    price: 899,
    description:
      'Alice follows a white rabbit down a hole into a world of riddles, tea parties and a furious queen.',
  },
  {
    id: 'b06',
    slug: 'dracula',
    title: 'Dracula',
    author: 'Bram Stoker',
    year: 1897,
    price: 1249,
    description:
      'Letters, diaries and telegrams trace a count from Transylvania as he moves to England.',
  },
  {
    id: 'b07',
    slug: 'great-expectations',
    title: 'Great Expectations',
    author: 'Charles Dickens',
    year: 1861,
    price: 1399,
    description:
      'The orphan Pip comes into an unexpected fortune and learns what it costs to become a gentleman.',
  },
  {
    id: 'b08',
    slug: 'jane-eyre',
    title: 'Jane Eyre',
    author: 'Charlotte Brontë',
    year: 1847,
    price: 1299,
    description:
      'A governess with a fierce sense of her own worth falls in love with her employer, who keeps a secret.',
  },
  {
    id: 'b09',
    slug: 'wuthering-heights',
    title: 'Wuthering Heights',
    author: 'Emily Brontë',
    year: 1847,
    price: 1149,
    description:
      'The passion between Catherine and Heathcliff shapes two families on the Yorkshire moors.',
  },
  {
    id: 'b10',
    slug: 'the-picture-of-dorian-gray',
    title: 'The Picture of Dorian Gray',
    author: 'Oscar Wilde',
    year: 1890,
    price: 999,
    description:
      'A beautiful young man stays young while his portrait records every sin he commits.',
  },
  {
    id: 'b11',
    slug: 'crime-and-punishment',
    title: 'Crime and Punishment',
    author: 'Fyodor Dostoevsky',
    year: 1866,
    price: 1599,
    description:
      'A poor student in St Petersburg commits a murder and is hunted by his own conscience.',
  },
  {
    id: 'b12',
    slug: 'war-and-peace',
    title: 'War and Peace',
    author: 'Leo Tolstoy',
    year: 1869,
    price: 2499,
    description: "Five aristocratic families live through Napoleon's invasion of Russia.",
  },
  {
    id: 'b13',
    slug: 'anna-karenina',
    title: 'Anna Karenina',
    author: 'Leo Tolstoy',
    year: 1878,
    price: 1799,
    description:
      'A married woman’s affair with a cavalry officer sets her against the society she belongs to.',
  },
  {
    id: 'b14',
    slug: 'middlemarch',
    title: 'Middlemarch',
    author: 'George Eliot',
    year: 1871,
    price: 1699,
    description:
      'The lives and marriages of a provincial English town, seen with sympathy and sharp humour.',
  },
  {
    id: 'b15',
    slug: 'little-women',
    title: 'Little Women',
    author: 'Louisa May Alcott',
    year: 1868,
    price: 1099,
    description:
      'Meg, Jo, Beth and Amy March grow up in New England while their father is away at war.',
  },
  {
    id: 'b16',
    slug: 'adventures-of-huckleberry-finn',
    title: 'Adventures of Huckleberry Finn',
    author: 'Mark Twain',
    year: 1884,
    price: 1149,
    description: 'Huck and Jim, who has escaped slavery, travel down the Mississippi on a raft.',
  },
  {
    id: 'b17',
    slug: 'the-time-machine',
    title: 'The Time Machine',
    author: 'H. G. Wells',
    year: 1895,
    price: 799,
    description:
      'A Victorian inventor travels to the year 802,701 and finds humanity divided in two.',
  },
  {
    id: 'b18',
    slug: 'the-war-of-the-worlds',
    title: 'The War of the Worlds',
    author: 'H. G. Wells',
    year: 1898,
    price: 849,
    description: 'Martian cylinders land near London, and the invaders turn out to be unstoppable.',
  },
  {
    id: 'b19',
    slug: 'treasure-island',
    title: 'Treasure Island',
    author: 'Robert Louis Stevenson',
    year: 1883,
    price: 899,
    description:
      'Young Jim Hawkins finds a pirate map and sails with the charming, dangerous Long John Silver.',
  },
  {
    id: 'b20',
    slug: 'strange-case-of-dr-jekyll-and-mr-hyde',
    title: 'Strange Case of Dr Jekyll and Mr Hyde',
    author: 'Robert Louis Stevenson',
    year: 1886,
    price: 749,
    description:
      'A London lawyer investigates the link between a respected doctor and a brutal stranger.',
  },
  {
    id: 'b21',
    slug: 'emma',
    title: 'Emma',
    author: 'Jane Austen',
    year: 1815,
    price: 1199,
    description:
      'A clever, meddling young woman plays matchmaker in her village and misreads her own heart.',
  },
  {
    id: 'b22',
    slug: 'sense-and-sensibility',
    title: 'Sense and Sensibility',
    author: 'Jane Austen',
    year: 1811,
    price: 1149,
    description:
      'Two sisters, one prudent and one romantic, face love and loss after their father dies.',
  },
  {
    id: 'b23',
    slug: 'the-scarlet-letter',
    title: 'The Scarlet Letter',
    author: 'Nathaniel Hawthorne',
    year: 1850,
    price: 949,
    description:
      'In Puritan Boston, Hester Prynne wears a red letter A and refuses to name her child’s father.',
  },
  {
    id: 'b24',
    slug: 'heart-of-darkness',
    title: 'Heart of Darkness',
    author: 'Joseph Conrad',
    year: 1899,
    price: 699,
    description:
      'Marlow travels up the Congo River in search of Kurtz, an ivory trader gone beyond all limits.',
  },
  {
    id: 'b25',
    slug: 'the-count-of-monte-cristo',
    title: 'The Count of Monte Cristo',
    author: 'Alexandre Dumas',
    year: 1844,
    price: 1999,
    description:
      'Betrayed and imprisoned, Edmond Dantès escapes with a fortune and plans his revenge.',
  },
  {
    id: 'b26',
    slug: 'les-miserables',
    title: 'Les Misérables',
    author: 'Victor Hugo',
    year: 1862,
    price: 2299,
    description:
      'The former convict Jean Valjean tries to live honestly while the inspector Javert pursues him.',
  },
  {
    id: 'b27',
    slug: 'don-quixote',
    title: 'Don Quixote',
    author: 'Miguel de Cervantes',
    year: 1605,
    price: 1899,
    description:
      'A country gentleman reads too many romances and sets out as a knight with his squire Sancho Panza.',
  },
  {
    id: 'b28',
    slug: 'the-call-of-the-wild',
    title: 'The Call of the Wild',
    author: 'Jack London',
    year: 1903,
    price: 799,
    description:
      'Buck, a stolen house dog, becomes a sled dog in the Klondike and answers the call of the wild.',
  },
  {
    id: 'b29',
    slug: 'dubliners',
    title: 'Dubliners',
    author: 'James Joyce',
    year: 1914,
    price: 949,
    description:
      'Fifteen stories of ordinary lives in Dublin, each turning on a quiet moment of recognition.',
  },
  {
    id: 'b30',
    slug: 'the-metamorphosis',
    title: 'The Metamorphosis',
    author: 'Franz Kafka',
    year: 1915,
    price: 699,
    description:
      'Gregor Samsa wakes up one morning transformed into a giant insect, and his family must cope.',
  },
  {
    id: 'b31',
    slug: 'the-jungle-book',
    title: 'The Jungle Book',
    author: 'Rudyard Kipling',
    year: 1894,
    price: 899,
    description:
      'Mowgli, raised by wolves, learns the law of the jungle from Baloo the bear and Bagheera the panther.',
  },
  {
    id: 'b32',
    slug: 'a-tale-of-two-cities',
    title: 'A Tale of Two Cities',
    author: 'Charles Dickens',
    year: 1859,
    price: 1249,
    description:
      'London and Paris before and during the French Revolution, and a sacrifice that redeems a wasted life.',
  },
];

export const BOOKS: readonly Book[] = entries.map((entry) => ({
  ...entry,
  cover: `/covers/${entry.slug}.svg`,
}));
