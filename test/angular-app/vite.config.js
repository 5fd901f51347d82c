// A minimal Angular app built by plain Vite: components compiled at run time (JIT, @angular/compiler),
// zoneless; the Angular CLI's AOT build would take longer than this test is worth.
export default {};
