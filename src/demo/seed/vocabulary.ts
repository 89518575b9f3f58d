/** Word lists that make seeded data readable ("Ana Silva", "Renault Clio"). */
export const FIRST_NAMES: readonly string[] = [
  'Ana', 'João', 'Maria', 'Pedro', 'Inês', 'Tiago', 'Beatriz', 'Rui', 'Catarina', 'Miguel',
  'Sofia', 'Diogo', 'Marta', 'Bruno', 'Rita', 'Nuno', 'Joana', 'André', 'Carla', 'Luís',
  'Mariana', 'Ricardo', 'Helena', 'Paulo', 'Leonor', 'Filipe', 'Teresa', 'Gonçalo', 'Raquel', 'Hugo',
  'Emma', 'Lucas', 'Olivia', 'Noah', 'Chloé', 'Marco', 'Giulia', 'Felix', 'Amira', 'Yusuf',
];

/** Family names. */
export const LAST_NAMES: readonly string[] = [
  'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Jesus', 'Sousa',
  'Fernandes', 'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Alves', 'Almeida', 'Ribeiro', 'Pinto', 'Carvalho',
  'Teixeira', 'Moreira', 'Correia', 'Mendes', 'Nunes', 'Soares', 'Vieira', 'Monteiro', 'Cardoso', 'Rocha',
];

/** Car models seen on Lisbon ride-hailing apps. */
export const VEHICLE_MODELS: readonly string[] = [
  'Renault Clio', 'Toyota Corolla', 'Tesla Model 3', 'Peugeot 308', 'Seat Leon', 'Volkswagen Golf',
  'Toyota Prius', 'Kia Niro', 'Hyundai Ioniq', 'Mercedes E-Class', 'BMW 5 Series', 'Dacia Logan',
  'Nissan Leaf', 'Skoda Octavia', 'Citroën C4', 'Mercedes V-Class',
];

/** Car colours. */
export const VEHICLE_COLORS: readonly string[] = ['black', 'white', 'silver', 'grey', 'blue', 'red'];

/** Review texts by star rating (index 0 = 1 star). */
export const REVIEW_TEXTS: readonly (readonly string[])[] = [
  ['Driver never showed up on time.', 'Unpleasant ride, would not book again.', 'Car was dirty and the route was long.'],
  ['Late pickup and a bumpy ride.', 'Not great, the car smelled of smoke.', 'Took a strange detour.'],
  ['Okay ride, nothing special.', 'Average, a bit late.', 'Fine, but the car could be cleaner.'],
  ['Good ride, friendly driver.', 'Smooth trip and a clean car.', 'Quick pickup, would ride again.'],
  ['Excellent, spotless car and a great driver!', 'Perfect ride, right on time.', 'Best trip across Lisbon so far.'],
];
