import { createRouter, createWebHistory } from 'vue-router'
import SweepsView from '@/views/SweepsView.vue'

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'sweeps', component: SweepsView },
    { path: '/sweeps/new', name: 'new-sweep', component: () => import('@/views/NewSweepView.vue') },
    {
      path: '/sweeps/:id',
      name: 'sweep',
      component: () => import('@/views/SweepDetailView.vue'),
      props: true,
    },
    {
      path: '/trials/:id',
      name: 'trial',
      component: () => import('@/views/TrialView.vue'),
      props: true,
    },
    { path: '/compare', name: 'compare', component: () => import('@/views/CompareView.vue') },
    { path: '/models', name: 'models', component: () => import('@/views/ModelsView.vue') },
    { path: '/workers', name: 'workers', component: () => import('@/views/WorkersView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

export default router
