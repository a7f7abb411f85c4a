/**
 * Name frequencies for a synthetic England. faker's en_GB has no name lists of its own (it
 * falls back to American names), and name frequencies are what drive false matches on
 * initials, so we model them: common British forenames of people born 1950-2005 and the
 * commonest surnames of England and Wales, with weights that fall roughly as the real
 * frequencies do, plus pools for the naming traditions whose recording differs.
 *
 * Each pool is "Name:weight" text; a weight is relative within its pool.
 */

function pool(text: string): { names: string[]; weights: number[] } {
  const names: string[] = [];
  const weights: number[] = [];
  for (const item of text.trim().split(/\s+/)) {
    const [name, weight] = item.split(':');
    names.push(name.replace(/_/g, ' '));
    weights.push(Number(weight ?? 1));
  }
  return { names, weights };
}

export const MALE_WHITE = pool(`
David:60 Paul:52 Mark:50 Michael:48 Andrew:45 James:45 John:42 Richard:36 Daniel:40 Christopher:40
Matthew:35 Stephen:34 Lee:33 Craig:30 Darren:30 Gary:28 Wayne:26 Dean:24 Jason:26 Thomas:30
Robert:32 Peter:24 Simon:22 Ian:22 Steven:26 Anthony:26 Kevin:22 Carl:20 Adam:24 Jamie:24
Ryan:26 Liam:24 Scott:22 Martin:20 Neil:18 Jonathan:16 Philip:14 Shaun:16 Kieran:14 Luke:18
Ben:14 Sean:16 Nathan:16 Aaron:14 Jordan:14 Connor:12 Callum:12 Joshua:14 Jack:16 Lewis:12
Kyle:12 Ricky:10 Terry:8 Gavin:10 Karl:10 Stuart:12 Graham:10 Alan:12 Keith:10 Brian:10
Colin:8 Barry:8 Tony:8 Jake:10 Samuel:10 Joseph:12 William:14 George:8 Nicholas:10 Edward:6
Patrick:8 Alexander:8 Benjamin:8 Gareth:8 Jonathon:4 Russell:6 Trevor:5 Kenneth:4 Dale:8 Jay:8
Bradley:10 Marc:6 Nigel:5 Glen:6 Leon:8 Tyler:6 Reece:6 Declan:6 Josh:4 Mitchell:5
`);

export const FEMALE_WHITE = pool(`
Sarah:40 Emma:34 Claire:30 Lisa:30 Nicola:28 Michelle:28 Kelly:28 Laura:30 Rebecca:26 Gemma:26
Joanne:24 Louise:24 Amanda:20 Karen:20 Julie:20 Donna:18 Stacey:18 Samantha:20 Hayley:16 Jennifer:14
Rachel:18 Helen:16 Victoria:16 Kirsty:14 Leanne:16 Danielle:16 Natalie:16 Charlotte:16 Amy:18 Jade:16
Zoe:14 Kerry:14 Tracey:12 Dawn:10 Sharon:12 Lindsey:8 Jessica:12 Hannah:12 Katie:14 Chloe:12
Sophie:12 Stephanie:12 Elizabeth:10 Catherine:10 Jodie:10 Carly:10 Tanya:8 Angela:10 Susan:10 Deborah:8
Lauren:12 Jacqueline:6 Patricia:5 Margaret:5 Kimberley:8 Toni:6 Leah:8 Megan:8 Shannon:6 Abigail:6
`);

export const SURNAME_WHITE = pool(`
Smith:126 Jones:99 Williams:68 Taylor:55 Brown:53 Davies:48 Evans:37 Wilson:34 Thomas:33 Johnson:31
Roberts:31 Robinson:27 Thompson:27 Wright:27 Walker:26 White:25 Edwards:24 Hughes:24 Green:23 Hall:23
Lewis:23 Harris:22 Clarke:22 Jackson:21 Wood:20 Turner:20 Martin:19 Cooper:19 Hill:19 Ward:19
Morris:18 Moore:18 Clark:18 Lee:18 King:17 Baker:17 Harrison:17 Morgan:17 Allen:16 James:16
Scott:16 Phillips:15 Watson:15 Davis:15 Parker:15 Price:14 Bennett:14 Young:14 Griffiths:14 Mitchell:14
Kelly:13 Cook:13 Carter:13 Richardson:13 Bailey:13 Collins:13 Bell:13 Shaw:12 Murphy:12 Miller:12
Cox:12 Richards:12 Marshall:12 Anderson:11 Simpson:11 Ellis:11 Adams:11 Wilkinson:10 Foster:10 Chapman:10
Powell:10 Webb:10 Rogers:10 Gray:10 Mason:10 Hunt:9 Campbell:9 Matthews:9 Owen:9 Palmer:9
Holmes:9 Mills:9 Barnes:9 Knight:9 Lloyd:9 Butler:9 Russell:9 Barker:9 Fisher:8 Stevens:8
Jenkins:8 Murray:8 Dixon:8 Harvey:8 Graham:8 Pearson:8 Ahmed:2 Fletcher:8 Walsh:8 Kaur:1
Gibson:7 Howard:7 Andrews:7 Stewart:7 Elliott:7 Reynolds:7 Saunders:7 Payne:7 Fox:7 Ford:7
Pearce:7 Day:7 Brooks:7 West:7 Lawrence:7 Cole:7 Atkinson:7 Bradley:7 Spencer:7 Gill:6
Dawson:6 Ball:6 Burton:6 O'Brien:6 Watts:6 Rose:6 Booth:6 Perry:6 Ryan:6 Grant:6
Wells:6 Armstrong:6 Francis:6 Rees:6 Hayes:6 Hart:6 Hudson:6 Newman:6 Barrett:6 Webster:6
Hunter:6 Gregory:6 Carr:6 Lowe:6 Page:6 Marsh:6 Riley:6 Dunn:6 Woods:6 Parsons:6
Berry:5 Stone:5 Reid:5 Holland:5 Hawkins:5 Harding:5 Porter:5 Robertson:5 Newton:5 Oliver:5
Reed:5 Kennedy:5 Williamson:5 Bird:5 Gardner:5 Shah:1 Dean:5 Lane:5 Cooke:5 Bates:5
Henderson:5 Parry:5 Burgess:5 Bishop:5 Walton:5 Burns:5 Nicholson:5 Shepherd:5 Ross:5 Cross:5
Long:5 Freeman:5 Warren:5 Nicholls:5 Hamilton:5 Byrne:5 Sutton:5 McDonald:5 Yates:5 Hodgson:5
Robson:5 Curtis:5 Hopkins:5 O'Connor:5 Harper:5 Coleman:5 Watkins:5 Moss:5 McCarthy:5 Chambers:5
Quinn:4 Iqbal:1 Vaughan:4 Doyle:4 Frost:4 Sharp:4 Fowler:4 Naylor:4 Hammond:4 Slater:4
Nowak:1 Kowalski:1 Horvath:1 Popescu:1
`);

export const MALE_ASIAN = pool(`
Mohammed:30 Muhammad:16 Imran:10 Asif:8 Amir:6 Tariq:8 Sajid:8 Shahid:8 Ravi:6 Sunil:5
Sanjay:5 Arjun:4 Ali:8 Hassan:6 Bilal:6 Usman:6 Zain:5 Kamran:5 Naveed:5 Faisal:6
Abdul:8 Adil:5 Rizwan:5 Waqar:4 Harjit:4 Gurpreet:4 Rajesh:4 Amit:4 Nadeem:5 Zubair:4
`);
export const FEMALE_ASIAN = pool(`
Fatima:10 Ayesha:8 Saima:8 Nadia:8 Shabana:6 Priya:6 Anjali:5 Sana:6 Amina:6 Zara:6
Rukhsana:4 Parveen:5 Nasreen:5 Sundas:3 Harpreet:4 Simran:4 Farah:5 Samina:5 Yasmin:6 Noor:4
`);
export const SURNAME_ASIAN = pool(`
Khan:30 Patel:28 Hussain:22 Ali:20 Ahmed:20 Singh:18 Begum:10 Shah:10 Iqbal:8 Mahmood:8
Akhtar:8 Rahman:8 Kaur:8 Sharma:6 Mistry:4 Chowdhury:5 Malik:7 Butt:6 Aziz:5 Rashid:6
Islam:6 Miah:6 Bibi:4 Javed:4 Sadiq:3 Bashir:4 Qureshi:4 Uddin:5 Anwar:4 Saleem:4
`);

export const MALE_BLACK = pool(`
Michael:14 Daniel:12 Emmanuel:8 David:10 Joshua:8 Tyrone:6 Leon:8 Marcus:8 Jermaine:6 Kwame:5
Kofi:5 Samuel:8 Adebayo:4 Olu:3 Chinedu:3 Delroy:4 Winston:3 Andre:6 Dwayne:5 Nathaniel:5
Isaac:5 Jerome:5 Kyle:4 Ryan:5 Anthony:6 Mohamed:6 Abdi:4 Ahmed:4 Curtis:4 Clinton:3
`);
export const FEMALE_BLACK = pool(`
Grace:8 Blessing:6 Michelle:8 Tanisha:5 Keisha:5 Chantelle:6 Precious:4 Abena:3 Funmi:3 Shanice:5
Natasha:6 Sharon:5 Jasmine:5 Aisha:5 Faith:4 Joy:4 Patience:3 Nicole:6 Stephanie:5 Hodan:3
`);
export const SURNAME_BLACK = pool(`
Williams:14 Brown:12 Campbell:10 Johnson:10 Thomas:9 Francis:8 Robinson:8 Okafor:5 Adeyemi:5 Mensah:6
Osei:5 Boateng:5 Okoro:4 Clarke:7 Grant:7 Edwards:6 Morgan:5 Henry:7 Reid:6 Bailey:5
Mohamed:6 Ali:5 Hassan:4 Ibrahim:4 Jones:6 Smith:8 Lewis:6 Richards:5 Walker:4 Daley:4
`);

export const MALE_WHITE_OTHER = pool(`
Piotr:6 Tomasz:6 Marcin:5 Andrei:5 Ionut:4 Mariusz:4 Krzysztof:4 Pawel:5 Lukasz:5 Adrian:5
Mihai:4 Jakub:4 Darius:3 Aleksander:3 Viktor:3
`);
export const FEMALE_WHITE_OTHER = pool(`
Anna:6 Katarzyna:5 Agnieszka:5 Ioana:4 Elena:5 Monika:5 Magdalena:4 Alina:4 Natalia:4 Joanna:4
`);
export const SURNAME_WHITE_OTHER = pool(`
Nowak:6 Kowalski:5 Wisniewski:4 Popescu:5 Ionescu:4 Kaminski:4 Lewandowski:4 Zielinski:3 Kazlauskas:3 Horvath:3
Wojcik:4 Kowalczyk:4 Dumitru:3 Petrov:3 Nagy:3
`);
