// Common given names: a capitalised run that starts with one is a person ("Laura Bright said").
// A general list of frequent first names in English-language news (English, European, African,
// Asian, Arabic and Latin American names), compiled by hand; words that are also common
// capitalised non-names ("Will", "May", "Grace" alone) are kept out.

const NAMES = `
Aaron Abdul Abdullah Abraham Adam Adrian Ahmad Ahmed Aidan Aisha Alan Albert Alejandro Alex Alexander Alexandra
Alexis Alfred Ali Alice Alicia Alison Amanda Amber Amir Amy Ana Andrea Andreas Andrew Andrés Andy Angela Angelina
Angus Ann Anna Anne Annie Anthony Anton Antonio Arthur Ashley Barbara Barack Barry Ben Benjamin Bernard Bernie
Beth Betty Bill Billy Bob Bobby Boris Brad Bradley Brandon Brendan Brent Brett Brian Bruce Bruno Bryan Caitlin
Cameron Carl Carla Carlos Carmen Carol Caroline Catherine Cathy Charles Charlie Charlotte Chen Chris Christian
Christina Christine Christopher Chuck Claire Clara Claudia Colin Connor Craig Cynthia Daniel Daniela Danielle
Danny Darren Dave David Dean Deborah Debbie Dennis Derek Diana Diane Dmitry Dominic Don Donald Donna Doug Douglas
Duncan Dylan Ed Eddie Edward Elena Eli Elijah Elizabeth Ella Ellen Emily Emma Emmanuel Eric Erik Erin
Ethan Eugene Eva Evan Fatima Felix Fernando Fiona Frances Francis Francisco Frank Fred Frederick Gabriel Gareth
Gary Gavin Geoffrey George Georgina Gerald Gerry Gill Gina Giovanni Giuseppe Glen Glenn Gordon Graham Greg Gregory
Hamid Hannah Hans Harold Harriet Harry Hassan Heather Heidi Helen Henry Hilary Hillary Howard Hugh Hugo Hussein
Ian Igor Imran Irene Isaac Isabel Isabella Ivan Jack Jackie Jacob Jake James Jamie Jan Jane Janet Jared Jason
Javier Jean Jeff Jeffrey Jennifer Jenny Jeremy Jerome Jerry Jess Jessica Jill Jim Jimmy Jo Joan Joanna Joanne
Joe Joel Johann John Johnny Jon Jonathan Jordan Jorge José Joseph Josh Joshua Joy Juan Judith Judy Julia Julian
Julie Justin Karen Karl Kate Katherine Kathleen Kathryn Katie Keith Kelly Ken Kenneth Kevin Khalid Kim Kirsty
Kristin Kyle Larry Laura Lauren Lawrence Leah Lee Leo Leon Leonard Leslie Liam Linda Lisa Liz Lorenzo Louis
Louise Lucas Lucy Luis Luke Lynn Mahmoud Malcolm Marc Marco Margaret Maria Marie Marina Mario Mark Martha Martin
Mary Matt Matthew Maurice Max Megan Melanie Melissa Mia Michael Michelle Miguel Mike Mikhail Mitch Mohamed
Mohammad Mohammed Monica Muhammad Nadia Nancy Naomi Natalia Natalie Nathan Neil Nicholas Nick Nicola Nicole Nigel
Nikolai Nina Noah Norman Olga Oliver Olivia Omar Oscar Owen Pablo Pamela Patricia Patrick Paul Paula Pedro Peter
Philip Phillip Pierre Rachel Rafael Rahul Raj Ralph Ramón Randy Raymond Rebecca Richard Rick Rob Robert Roberto
Robin Roger Ron Ronald Rory Rosa Rose Ross Roy Ruth Ryan Sally Sam Samantha Samuel Sandra Sara Sarah Scott Sean
Sebastian Sergei Sergey Seth Sharon Shaun Sheila Simon Sophie Stefan Stefano Stephanie Stephen Steve Steven Stuart
Susan Suzanne Tara Ted Teresa Terry Theresa Thomas Tim Timothy Tina Todd Tom Tommy Tony Tyler Valerie Vanessa
Victor Victoria Vincent Vladimir Walter Wayne Wendy William Xavier Yasmin Yusuf Zachary Zoe
`

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.trim().split(/\s+/))
